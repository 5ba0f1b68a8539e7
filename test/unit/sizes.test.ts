import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from '../../server/config/sizes';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe('parseSize', () => {
  it.each([
    { text: '512', out: 512 },
    { text: '512B', out: 512 },
    { text: '0', out: 0 },
    { text: '1KiB', out: KiB },
    { text: '1k', out: KiB },
    { text: '64 KB', out: 64 * KiB },
    { text: '8MiB', out: 8 * MiB },
    { text: '8mib', out: 8 * MiB },
    { text: '2MB', out: 2 * MiB },
    { text: '1.5M', out: 1.5 * MiB },
    { text: ' 16 MiB ', out: 16 * MiB },
    { text: '1GiB', out: GiB },
    { text: '1.5 KiB', out: 1536 },
    { text: '', out: null },
    { text: 'big', out: null },
    { text: '-1', out: null },
    { text: '1TB', out: null },
    { text: '8 MiB extra', out: null },
    { text: 'MiB', out: null },
    { text: '1,5M', out: null },
  ])('$text → $out', ({ text, out }) => {
    expect(parseSize(text)).toBe(out);
  });
});

describe('formatSize', () => {
  it.each([
    { bytes: 512, out: '512 B' },
    { bytes: 0, out: '0 B' },
    { bytes: 1000, out: '1000 B' },
    { bytes: KiB, out: '1 KiB' },
    { bytes: 64 * KiB, out: '64 KiB' },
    { bytes: 8 * MiB, out: '8 MiB' },
    { bytes: 128 * MiB, out: '128 MiB' },
    { bytes: 2 * MiB + 1, out: '2.0 MiB' },
  ])('$bytes → $out', ({ bytes, out }) => {
    expect(formatSize(bytes)).toBe(out);
  });

  it.each(['512', '1KiB', '8MiB', '1.5M', '128MiB', '1.5 KiB', '3KB'])('parseSize(formatSize(parseSize(%j))) gives the same bytes', (text) => {
    const bytes = parseSize(text)!;
    expect(parseSize(formatSize(bytes))).toBe(bytes);
  });
});
