export interface Sample {
  atMin: number;
  rssMb: number;
  heapMb: number | null;
}

/**
 * Least-squares slope (per minute) of one figure over the samples taken at or
 * after `fromMin`; null with fewer than two such samples. Flat memory after
 * warm-up is the soak's pass mark (< 1 MB/min), so the start is left out.
 */
export function slopePerMinute(samples: readonly Sample[], fromMin: number, figure: (s: Sample) => number | null): number | null {
  const points = samples.filter((s) => s.atMin >= fromMin).flatMap((s) => {
    const y = figure(s);
    return y === null ? [] : [{ x: s.atMin, y }];
  });
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  return points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
}
