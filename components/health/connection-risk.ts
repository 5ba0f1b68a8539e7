import type { ConnectionHealth } from '../../server/contract';
import { fmtBytes, fmtInt, fmtSecondsPlain } from '../format';
import { connectionStateLevel } from './connection-state';
import { heartbeatLevel, marginSortKey } from './heartbeat';
import type { Level } from './level';
import { prefetchSummary } from './prefetch';

/** One thing that puts a connection at risk: a word for the cell and a sentence for its tooltip. */
export interface RiskReason {
  level: 'warn' | 'crit';
  short: string;
  detail: string;
}

export interface ConnectionRisk {
  /** The worst reason's level; `ok` with no reason; `neutral` for rabbitpulse's own connections, which are not judged. */
  level: Level;
  /** Worst first. */
  reasons: RiskReason[];
  /**
   * Sort key, highest most at risk: the worst level, then how many reasons,
   * then how close the heartbeat is to running out (so healthy connections
   * keep the old "closest to its heartbeat timeout first" order).
   */
  rank: readonly number[];
}

type Input = Pick<ConnectionHealth, 'own' | 'state' | 'sendPend' | 'unacked' | 'channels' | 'heartbeatTimeoutSec' | 'silenceSec' | 'heartbeatMarginSec'>;

const LEVEL_WEIGHT: Record<Level, number> = { crit: 2, warn: 1, ok: 0, neutral: -1 };

/**
 * What the connections table reads a row's risk from: the same signals its
 * cells flag (heartbeat silence, blocked or flow state, send buffer backing
 * up, manual ack with unlimited prefetch), so the order agrees with the
 * colours a user sees. Pure, for tests.
 */
export function connectionRisk(c: Input): ConnectionRisk {
  if (c.own) return { level: 'neutral', reasons: [], rank: [LEVEL_WEIGHT.neutral] };
  const reasons = [heartbeatReason(c), stateReason(c), prefetchReason(c), sendPendReason(c)]
    .filter((r): r is RiskReason => r !== null)
    .sort((a, b) => LEVEL_WEIGHT[b.level] - LEVEL_WEIGHT[a.level]);
  const level: Level = reasons[0]?.level ?? 'ok';
  const margin = marginSortKey(c);
  // Less margin (as a share of the timeout) is closer to a drop; no heartbeat figure ranks below any.
  const closeness = margin === null ? -Infinity : -margin;
  return { level, reasons, rank: [LEVEL_WEIGHT[level], reasons.length, closeness] };
}

function heartbeatReason(c: Input): RiskReason | null {
  const level = heartbeatLevel(c);
  if (level !== 'warn' && level !== 'crit') return null;
  return {
    level,
    short: 'heartbeat',
    detail: `Silent ${fmtSecondsPlain(c.silenceSec)} with a ${fmtSecondsPlain(c.heartbeatTimeoutSec)} heartbeat timeout: ${level === 'crit' ? 'the broker may drop it at its next check' : 'a beat was missed'}.`,
  };
}

function stateReason(c: Input): RiskReason | null {
  const level = connectionStateLevel(c.state);
  if (level !== 'warn' && level !== 'crit') return null;
  return {
    level,
    short: c.state,
    detail: level === 'crit' ? `State ${c.state}: a memory or disk alarm stops its publishes.` : 'State flow: the broker is throttling its publishes.',
  };
}

function prefetchReason(c: Input): RiskReason | null {
  if (prefetchSummary(c).level !== 'crit') return null;
  return { level: 'crit', short: 'prefetch 0', detail: `Manual ack with unlimited prefetch, ${fmtInt(c.unacked)} unacked: the broker pushes it the whole backlog.` };
}

function sendPendReason(c: Input): RiskReason | null {
  if (!c.sendPend) return null;
  return { level: 'warn', short: 'send pend', detail: `${fmtBytes(c.sendPend)} waiting in the broker's send buffer: the client is not reading fast enough.` };
}
