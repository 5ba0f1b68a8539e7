import { describe, expect, it } from 'vitest';
import { inert } from '../../../server/shared/inert';

describe('inert', () => {
  it.each([
    ['plain ascii', 'orders-consumer', 'orders-consumer'],
    ['Cyrillic and emoji stay', 'очередь-🐇', 'очередь-🐇'],
    ['an emoji ZWJ sequence stays whole', '👩\u200D💻', '👩\u200D💻'],
    ['right-to-left override is shown, not obeyed', 'vh\u202Eevil', 'vh⟨U+202E⟩evil'],
    ['isolates and marks', 'a\u2066b\u2069c\u200Fd', 'a⟨U+2066⟩b⟨U+2069⟩c⟨U+200F⟩d'],
    ['ESC and BEL are named', 'x\u001B[31my\u0007', 'x⟨ESC⟩[31my⟨BEL⟩'],
    ['NUL', 'q\u0000', 'q⟨NUL⟩'],
    ['newline and tab are controls here too', 'a\nb\tc', 'a⟨LF⟩b⟨TAB⟩c'],
    ['the last C0 control', 'a\u001F', 'a⟨US⟩'],
    ['DEL and a C1 control', 'a\u007Fb\u0085', 'a⟨DEL⟩b⟨U+0085⟩'],
  ])('%s', (_label, input, expected) => {
    expect(inert(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = inert('vh\u202Eevil\u001B');
    expect(inert(once)).toBe(once);
  });
});
