import { describe, expect, it } from 'vitest';
import { renderSoakSection, soakSectionOf, withSoakSection, type SoakResult } from '../../../scripts/soak/report';

const result = (over: Partial<SoakResult> = {}): SoakResult => ({
  at: '2026-12-02T06:00:00.000Z',
  commit: 'abc1234',
  minutes: 30,
  ratePerSecond: 10,
  churn: { opened: 18_000, closed: 18_000, openFailed: 3, open: 0 },
  closesMade: 18_000,
  closesSeen: 18_000,
  closesLost: 0,
  lostExamples: [],
  brokerConnectionClosed: 18_002,
  bySource: { 'event-exchange': 18_000 },
  rss: { firstMb: 270, lastMb: 255, maxMb: 280, slopeMbPerMin: 0.12, slopeFromMin: 10 },
  heap: { lastMb: 50, slopeMbPerMin: -0.01 },
  notifications: { requests: 4, keys: 4, mostPerKey: 1 },
  samples: [],
  ...over,
});

describe('soak section of BENCHMARKS.md', () => {
  it('marks lost closes and a rising RSS as missed', () => {
    expect(renderSoakSection(result())).not.toContain('❌');
    const bad = renderSoakSection(result({ closesSeen: 17_990, closesLost: 10, lostExamples: ['soak-7'], rss: { ...result().rss, slopeMbPerMin: 3 } }));
    expect(bad.match(/❌ missed/g)).toHaveLength(3);
    expect(bad).toContain('soak-7');
  });

  it('replaces its own section and leaves the rest of the file alone', () => {
    const bench = '# rabbitpulse benchmarks\n\n## Poll cost\n\nfigures\n';
    const once = withSoakSection(bench, renderSoakSection(result()));
    expect(once.startsWith(bench.trimEnd())).toBe(true);
    const twice = withSoakSection(once, renderSoakSection(result({ closesMade: 1 })));
    expect(twice.match(/## Soak/g)).toHaveLength(1);
    expect(soakSectionOf(twice)).toContain('| 1 (broker');
    expect(soakSectionOf(bench)).toBeNull();
  });
});
