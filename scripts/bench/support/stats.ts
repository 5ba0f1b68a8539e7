/** Nearest-rank percentile (p in 0..100) of a list; NaN for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export const max = (values: readonly number[]) => (values.length ? Math.max(...values) : NaN);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const mean = (values: readonly number[]) => (values.length ? sum(values) / values.length : NaN);
