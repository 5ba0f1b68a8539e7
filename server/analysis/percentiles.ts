/**
 * Nearest-rank percentile of a list of numbers; null for an empty list.
 * Probe windows hold at most a few hundred samples, so sorting a copy is fine.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function stddev(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  return Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / values.length);
}

/** A sliding window of recent samples, bounded by count and by age. */
export class RecentWindow {
  private items: Array<{ at: number; value: number }> = [];

  constructor(
    private readonly maxCount: number,
    private readonly maxAgeMs: number,
  ) {}

  add(at: number, value: number): void {
    this.items.push({ at, value });
    if (this.items.length > this.maxCount) this.items.splice(0, this.items.length - this.maxCount);
  }

  values(now: number): number[] {
    const since = now - this.maxAgeMs;
    if (this.items.length > 0 && this.items[0]!.at < since) this.items = this.items.filter((i) => i.at >= since);
    return this.items.map((i) => i.value);
  }

  clear(): void {
    this.items = [];
  }
}
