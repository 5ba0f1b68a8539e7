// Byte sizes as people type them on a command line. K and M are decimal
// (1K = 1000 bytes) and KiB/MiB binary (1KiB = 1024 bytes), the way `ls -h`
// and RabbitMQ's own max_message_size docs distinguish them; a bare number is
// bytes.

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1000,
  kb: 1000,
  kib: 1024,
  m: 1000 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1000 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** Parses `20480`, `20KiB`, `1.5M`. Throws with the accepted forms on anything else. */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const multiplier = match ? UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || multiplier === undefined) {
    throw new Error('a size such as 20480, 20K, 20KiB, 1M or 1MiB');
  }
  const bytes = Math.round(Number(match[1]) * multiplier);
  if (bytes < 1) throw new Error('a size of at least 1 byte');
  return bytes;
}

/** Parses a comma-separated list of sizes, e.g. `1KiB,1MiB,8MiB`. */
export function parseSizeList(text: string): number[] {
  const parts = text.split(',').filter((part) => part.trim() !== '');
  if (parts.length === 0) throw new Error('a comma-separated list of sizes such as 1KiB,1MiB,8MiB');
  return parts.map(parseSize);
}

/** Short binary rendering for log lines: 20480 → "20 KiB", 67108864 → "64 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = Number.isInteger(value) || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
