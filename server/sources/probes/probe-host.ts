import type { Worker } from 'node:worker_threads';
import type { Config } from '../../config/schema';
import type { Hub } from '../../state/hub';
import type { Logger } from '../../log';
import { startWorker } from '../../start-worker';
import { probeConnectionName } from './probe-connection';
import { largeProbeConnectionName } from './large-message-probe';
import type { ProbeWorkerData, ProbeWorkerMessage } from './probe-protocol';

/**
 * Main-thread side of the probe worker: starts it, routes its messages into
 * the hub, and restarts it if it ever dies (a probe that silently stopped
 * would look like a healthy broker).
 */
export class ProbeHost {
  private worker: Worker | null = null;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: Config,
    private readonly hub: Hub,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (!this.config.probes.enabled && !this.config.eventExchange.enabled) return;
    const data: ProbeWorkerData = {
      targets: this.config.targets.map((t) => ({ id: t.id, name: t.name, amqpUrl: t.amqpUrl })),
      probes: this.config.probes,
      eventExchange: this.config.eventExchange,
      publishIntervalMs: 1000,
    };
    const worker = startWorker(new URL('./probe-worker.ts', import.meta.url), { workerData: data });
    worker.on('message', (m: ProbeWorkerMessage) => this.route(m));
    worker.on('error', (err) => this.log.error(`probe worker: ${err.stack ?? err.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.stopped) return;
      this.log.error(`probe worker exited with code ${code}; restarting in 1 s`);
      this.restartTimer = setTimeout(() => this.start(), 1000);
    });
    this.worker = worker;
  }

  /** Asks the worker to close its connections cleanly (so the broker logs no errors), then ends it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      worker.on('message', (m: { type?: string }) => {
        if (m?.type === 'stopped') {
          clearTimeout(timer);
          resolve();
        }
      });
      worker.postMessage({ type: 'stop' });
    });
    await worker.terminate();
  }

  private route(m: ProbeWorkerMessage): void {
    switch (m.type) {
      case 'probes':
        this.hub.applyProbes(m.items);
        return;
      case 'probe-failure':
        // The terminal hears of it from the state reports (server/link-log.ts), once per change.
        this.hub.applyProbeFailure(m.targetId, m.failure, probeConnectionName(m.targetId));
        return;
      case 'probe-recovered':
        this.hub.applyProbeRecovered(m.targetId, m.outage, probeConnectionName(m.targetId));
        return;
      case 'large-failure':
        this.hub.applyLargeMessageFailure(m.targetId, m.result, largeProbeConnectionName(m.targetId));
        return;
      case 'broker-close':
        this.hub.applyBrokerClose(m.targetId, m.close, m.finding);
        return;
      case 'broker-close-refined':
        this.hub.refineBrokerClose(m.targetId, m.close, m.finding);
        return;
      case 'broker-finding':
        this.hub.applyBrokerFinding(m.targetId, m.finding, m.warning);
        return;
      case 'broker-shutdown':
        this.hub.applyBrokerShutdown(m.targetId, { at: m.at, text: m.text });
        return;
      case 'broker-notice':
        this.hub.applyBrokerNotice(m.targetId, m.notice);
        return;
      case 'loop-delay':
        this.hub.applyProbeWorkerDelay(m.delay, m.brokerLogKept);
        return;
    }
  }
}
