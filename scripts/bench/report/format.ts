export const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`) : 'n/a');
export const sec = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v >= 10 ? 1 : 2)} s` : 'n/a');
export const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
export const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');

export function bytes(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (v < 1024) return `${Math.round(v)} B`;
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KB`;
  return `${(v / 1024 / 1024).toFixed(1)} MB`;
}
