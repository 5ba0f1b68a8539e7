import { waitFor } from '../../../test/support/wait';
import { startPrivateBroker, type PrivateBroker } from '../../../test/support/private-broker';
import type { Cleanup } from '../support/cleanup';
import { log } from '../support/log';
import { management, type Management } from './management';

export interface BenchBroker {
  broker: PrivateBroker;
  mgmt: Management;
  version: string;
  erlang: string;
  fdTotal: number;
  socketsTotal: number;
}

/**
 * The broker's log exchange (`amq.rabbitmq.log`) at info level: rabbitpulse
 * then joins the broker's own line to every close (issue 12). It exists only
 * when rabbitmq.conf turns it on.
 */
export const LOG_EXCHANGE_CONFIG: Readonly<Record<string, string>> = { 'log.exchange': 'true', 'log.exchange.level': 'info' };

/**
 * The load goes on a private node (never the machine's rabbit@localhost),
 * started by test/support's startPrivateBroker. The node inherits this
 * process's open-file limit (raised beforehand, see workspace.ts); here we
 * check that the node really got enough sockets for the planned load, and say
 * why not if it did not.
 */
export async function startBenchBroker(cleanup: Cleanup, socketsNeeded: number, config: Record<string, string> = {}): Promise<BenchBroker> {
  log('starting a private RabbitMQ node');
  const broker = await startPrivateBroker({ startTimeoutMs: 90_000, config });
  cleanup.add(`private broker ${broker.nodeName}`, () => broker.destroy());
  const mgmt = management(broker.managementUrl);
  const overview = await mgmt.get<{ rabbitmq_version: string; erlang_version: string }>('/api/overview?columns=rabbitmq_version,erlang_version');
  // The node's own statistics (its limits among them) appear with its first stats emission.
  const node = await waitFor('the node to report its file-descriptor limit', async () => {
    const nodes = await mgmt.get<Array<{ fd_total?: number; sockets_total?: number }>>('/api/nodes?columns=fd_total,sockets_total');
    return nodes[0]?.fd_total ? nodes[0] : undefined;
  }, { timeoutMs: 30_000, intervalMs: 250 });
  const fdTotal = node.fd_total ?? 0;
  const socketsTotal = node.sockets_total ?? 0;
  log(`node ${broker.nodeName}: RabbitMQ ${overview.rabbitmq_version}, fd limit ${fdTotal}, socket limit ${socketsTotal}`);
  if (socketsTotal < socketsNeeded) {
    throw new Error(
      `the private node allows ${socketsTotal} sockets (file-descriptor limit ${fdTotal}) but the load needs ${socketsNeeded}; ` +
        'run the benchmark as root (so prlimit can raise the hard limit) or from a shell with a higher `ulimit -n`',
    );
  }
  return { broker, mgmt, version: overview.rabbitmq_version, erlang: overview.erlang_version, fdTotal, socketsTotal };
}
