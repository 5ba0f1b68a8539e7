import type { EvalContext } from './types';

/** The value `windowMs` ago (or the oldest we have, if we have watched it that long); null while we have not. */
export function valueAgo(ctx: EvalContext, key: string, windowMs: number): number | null {
  const h = ctx.history(key);
  const first = h[0];
  if (!first || ctx.now - first.at < windowMs) return null;
  let found = first.value;
  for (const p of h) {
    if (ctx.now - p.at < windowMs) break;
    found = p.value;
  }
  return found;
}
