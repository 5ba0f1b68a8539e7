import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SilenceFact } from '../../../components/timeline/SilenceFact';
import { projectedSilenceSec, silenceBeforeClose, silenceBeforeCloseWords } from '../../../server/shared/silence-before-close';
import { closedConnection } from '../builders';

const LAST_POLL = 1_010_000;

describe('silenceBeforeClose: what the last poll says of a closed connection’s silence', () => {
  it.each([
    // [silence at the last poll, seconds from that poll to the close, kind, words]
    [0, 5, 'still-sending', 'was still sending at the last poll, 5 s before it vanished'],
    [0.4, 5, 'still-sending', 'was still sending at the last poll, 5 s before it vanished'],
    [12, 0, 'silent-at-close', 'had sent nothing for about 12 s'],
    [12, 0.4, 'silent-at-close', 'had sent nothing for about 12 s'],
    [4, 5, 'silent-at-poll', 'had sent nothing for about 4 s at the last poll, 5 s before it vanished'],
  ] as const)('silent %s s at a poll %s s before the close: %s', (silence, gapSec, kind, words) => {
    const s = silenceBeforeClose(silence, projectedSilenceSec(silence, LAST_POLL, LAST_POLL + gapSec * 1000));
    expect(s.kind).toBe(kind);
    expect(silenceBeforeCloseWords(s)).toBe(words);
  });

  it('is unknown, and says nothing, when the last poll had no silence figure', () => {
    const s = silenceBeforeClose(null, projectedSilenceSec(null, LAST_POLL, LAST_POLL + 5000));
    expect(s).toEqual({ kind: 'unknown' });
    expect(silenceBeforeCloseWords(s)).toBe('');
  });

  it('never projects backwards when the close is stamped before the poll', () => {
    expect(projectedSilenceSec(3, LAST_POLL, LAST_POLL - 2000)).toBe(3);
  });
});

describe('the event card’s silence fact', () => {
  // React marks the joins between adjacent text nodes with empty comments; the text is what a reader sees.
  const render = (silenceSec: number, closedAt: number) =>
    renderToStaticMarkup(createElement(SilenceFact, { last: closedConnection({}, { silenceSec, heartbeatTimeoutSec: 5, lastSeenAt: LAST_POLL }).lastKnown, closedAt })).replaceAll('<!-- -->', '');

  it('says "still sending at the last poll, N s before it vanished" instead of a 0 s meter under "before vanishing"', () => {
    const html = render(0, LAST_POLL + 5000);
    expect(html).toContain('Silence at the last poll');
    expect(html).toContain('still sending at the last poll, 5 s before it vanished');
    expect(html).not.toContain('before vanishing');
    expect(html).not.toContain('data-testid="silence-meter"');
  });

  it('shows the meter as silence at the last poll, with how long before the close that was', () => {
    const html = render(4, LAST_POLL + 5000);
    expect(html).toContain('Silence at the last poll');
    expect(html).toContain('data-testid="silence-meter"');
    expect(html).toContain('4 s / 5 s');
    expect(html).toContain('5 s before it vanished');
  });

  it('keeps "silence before vanishing" when the last poll was right before the close', () => {
    const html = render(9, LAST_POLL + 300);
    expect(html).toContain('Silence before vanishing');
    expect(html).toContain('9 s / 5 s');
  });
});
