/**
 * Worker-thread entry for everything that talks AMQP. Its own event loop
 * means server-side rendering or a big JSON parse on the main thread can never
 * delay a probe's heartbeats — the very failure rabbitpulse watches for.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BrokerLogKept } from '../../contract';
import { LoopDelayMonitor } from '../../self-health';
import type { ProbeWorkerData, ProbeWorkerMessage } from './probe-protocol';
import { ProbeTarget } from './probe-target';

if (!parentPort) throw new Error('probe-worker.ts must run as a worker thread');
const port = parentPort;
const data = workerData as ProbeWorkerData;
const post = (m: ProbeWorkerMessage) => port.postMessage(m);

const targets = data.targets.map((target) => new ProbeTarget({ target, probes: data.probes, eventExchange: data.eventExchange, post }));
for (const t of targets) t.start();

const loop = new LoopDelayMonitor();
let ticks = 0;
const timer = setInterval(() => {
  const now = Date.now();
  post({ type: 'probes', items: targets.map((t) => t.report(now)) });
  // Loop delay every 5 ticks: enough points to see a spike, few enough to stay cheap.
  if (++ticks % 5 === 0) {
    const kept = keptOverTargets();
    post({ type: 'loop-delay', delay: loop.take(), ...(kept ? { brokerLogKept: kept } : {}) });
  }
}, data.publishIntervalMs);

function keptOverTargets(): BrokerLogKept | null {
  const each = targets.map((t) => t.brokerLogKept()).filter((k): k is BrokerLogKept => k !== null);
  if (each.length === 0) return null;
  return each.reduce((a, k) => ({ pending: a.pending + k.pending, early: a.early + k.early, sent: a.sent + k.sent }));
}

port.on('message', async (message: { type: 'stop' }) => {
  if (message?.type !== 'stop') return;
  clearInterval(timer);
  loop.stop();
  await Promise.all(targets.map((t) => t.stop()));
  port.postMessage({ type: 'stopped' });
});
