import type { ConnectionState } from '../../server/contract';
import type { Level } from './level';

/** `flow` is credit-flow throttling; `blocking`/`blocked` mean a resource alarm stopped publishers. */
export function connectionStateLevel(state: ConnectionState): Level {
  switch (state) {
    case 'running':
      return 'ok';
    case 'flow':
      return 'warn';
    case 'blocking':
    case 'blocked':
      return 'crit';
    default:
      return 'neutral';
  }
}

export function isThrottled(state: ConnectionState): boolean {
  return state === 'flow' || state === 'blocking' || state === 'blocked';
}
