import { describe, expect, it } from 'vitest';
import type { Detection } from '../../../scripts/bench/measure/detection';
import type { ChurnCost } from '../../../scripts/bench/measure/log-churn';
import type { BrokerLogResults, Results } from '../../../scripts/bench/results';
import { addedByLog, brokerLogSection } from '../../../scripts/bench/report/broker-log-figures';

const detection = (ownMs: number[], sources: Record<string, number> = {}, refined = 0): Detection => ({
  label: 'force-closed',
  latencyMs: ownMs,
  shownMs: ownMs,
  gaps: 0,
  brokerMs: ownMs.map(() => 1),
  ownMs,
  listedMs: [],
  sources,
  refined,
  missed: 0,
});

const churn = (brokerLog: boolean, probeWorker: number, over: Partial<ChurnCost> = {}): ChurnCost => ({
  brokerLog,
  seconds: 50,
  perSecond: 10,
  opened: 500,
  openFailed: 0,
  closesMade: 500,
  closesSeen: 500,
  bySource: brokerLog ? { 'broker-log': 500 } : { 'event-exchange': 500 },
  refined: 0,
  cpuMs: { probeWorker, mainThread: 1000, process: 5000 },
  kept: brokerLog ? { max: { pending: 2, early: 1, sent: 300 }, last: { pending: 0, early: 0, sent: 290 } } : null,
  appErrors: [],
  ...over,
});

const ms = (n: number, value: (i: number) => number) => Array.from({ length: n }, (_, i) => value(i));

function section(on: Detection, off: Detection, churnOn = churn(true, 1500), churnOff = churn(false, 1000)) {
  const r = { eventExchange: on, load: { connections: 5000 } } as unknown as Results;
  const b: BrokerLogResults = { eventExchangeNoLog: off, churnOn, churnOff };
  return brokerLogSection(r, b);
}

describe('broker-log figures', () => {
  it('judges the p99 the log join adds against 50 ms', () => {
    const off = detection(ms(60, (i) => 2 + (i % 5)));
    const joined = detection(ms(60, (i) => 4 + (i % 5)), { 'broker-log': 60 });
    const waited = detection(ms(60, (i) => (i === 59 ? 260 : 4)), { 'broker-log': 59, 'event-exchange': 1 });
    expect(addedByLog(joined, off)).toEqual({ p50: 2, p99: 2 });
    expect(section(joined, off).figures[0]).toMatchObject({ id: 'broker-log-added', verdict: 'met' });
    const missed = section(waited, off).figures[0]!;
    expect(missed.verdict).toBe('missed');
    expect(missed.value).toContain('p99 +254 ms');
  });

  it('needs 50 closes each way to judge', () => {
    const few = section(detection([3, 3]), detection([2, 2])).figures[0]!;
    expect(few.verdict).toBe('missed');
    expect(few.reason).toContain('only 2 and 2 closes');
  });

  it('states how the closes came and the log subscription\'s CPU share per second and per close', () => {
    const on = detection(ms(60, () => 4), { 'broker-log': 50, 'event-exchange': 10 }, 6);
    const figures = section(on, detection(ms(60, () => 2))).figures;
    expect(figures[1]!.value).toBe("with the broker's line joined in time 50 of 60, refined later (the line came after the wait) 6, never 4");
    // 1500 ms over 50 s with the log, 1000 ms without: 10 ms/s and 1 ms per close (500 closes).
    expect(figures[2]!.value).toContain("the log subscription's share 10.0 ms per second, 1.0 ms per close");
  });

  it('reports closes the app did not report and its error lines as data', () => {
    const bad = churn(true, 1500, { closesSeen: 497, appErrors: ['Error: boom | <b>x</b>'] });
    const value = section(detection([1]), detection([1]), bad).figures[3]!.value;
    expect(value).toContain('500 closes made, 497 reported, 3 not');
    expect(value).toContain('"Error: boom | <b>x</b>"');
  });
});
