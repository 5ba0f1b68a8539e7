/** Progress lines on stderr, with seconds since the run began, so stdout stays the figures. */
const started = Date.now();

export function log(message: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${t}s] ${message}\n`);
}
