/**
 * Where samples are missing (rabbitpulse was stopped, the broker could not be
 * read), a chart must show a hole, not a straight line across it that claims
 * values nobody measured — drawn between two zeros it reads as "0 all along".
 * Recharts breaks a line at a null value (with connectNulls off), so a point
 * of nulls goes into every gap.
 */

/** A point in a gap: a time, and null for every value of the samples around it. */
export type GapPoint<T extends { at: number }> = { at: number } & { [K in Exclude<keyof T, 'at'>]: null };

/** What a chart draws: the samples, and a gap point in each gap. */
export type ChartRow<T extends { at: number }> = T | GapPoint<T>;

/**
 * A step longer than this many typical steps is a gap. One late or skipped
 * poll (two steps, plus timer jitter) is not an outage; two skipped are.
 */
export const GAP_STEPS = 2.5;

/**
 * The samples with a point of nulls in the middle of every step longer than
 * GAP_STEPS times the typical (median) step. The median, not the mean, so the
 * gaps themselves do not stretch what counts as typical. Fewer than three
 * samples give no typical step and are returned as they are.
 */
export function withGaps<T extends { at: number }>(samples: readonly T[]): ChartRow<T>[] {
  if (samples.length < 3) return [...samples];
  const steps: number[] = [];
  for (let i = 1; i < samples.length; i++) steps.push(samples[i]!.at - samples[i - 1]!.at);
  const typical = [...steps].sort((a, b) => a - b)[Math.floor(steps.length / 2)]!;
  const out: ChartRow<T>[] = [samples[0]!];
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1]!;
    const cur = samples[i]!;
    if (cur.at - prev.at > GAP_STEPS * typical) out.push(gapPoint(prev, prev.at + Math.round((cur.at - prev.at) / 2)));
    out.push(cur);
  }
  return out;
}

/** Every value of `like` as null, at `at`. */
function gapPoint<T extends { at: number }>(like: T, at: number): GapPoint<T> {
  const nulls = Object.fromEntries(Object.keys(like).map((k) => [k, null]));
  return { ...nulls, at } as GapPoint<T>;
}
