import type { CloseCause, TargetStatusKind } from '../contract';

/**
 * Words for causes and poll statuses, shared by the server (its health
 * verdict, its terminal log) and the UI (badges, the timeline), so a cause
 * reads the same wherever it is shown.
 */

export const TARGET_STATUS_WORDS: Record<TargetStatusKind, string> = {
  starting: 'first poll',
  ok: 'ok',
  unreachable: 'unreachable',
  refused: 'connection refused',
  timeout: 'timed out',
  unauthorized: 'wrong credentials',
  forbidden: 'not permitted',
  'bad-response': 'bad response',
  'too-large': 'answer too large',
  'http-error': 'HTTP error',
};

export const CLOSE_CAUSE_WORDS: Record<CloseCause, string> = {
  clean: 'clean close',
  abrupt: 'dropped without a close',
  'heartbeat-suspected': 'missed heartbeats suspected',
  'missed-heartbeats': 'missed heartbeats',
  forced: 'force-closed',
  shutdown: 'broker shut down',
  'handshake-timeout': 'handshake timed out',
  'access-refused': 'access refused',
  'frame-error': 'frame error',
  'consumer-timeout': 'consumer timeout',
  'client-heartbeat-timeout': 'broker went silent',
  'reset-by-broker': 'reset by the broker',
  'channel-error': 'channel error',
  refused: 'connection refused',
  unreachable: 'unreachable',
  'auth-failure': 'credentials refused',
  alarm: 'resource alarm',
  notice: 'broker notice',
  unknown: 'cause unknown',
};
