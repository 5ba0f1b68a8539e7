/** Interim copy of the parser's types (branch log-parser owns this file). */
export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';
export type LogCloseCause = 'missed-heartbeats' | 'client-closed-tcp' | 'forced' | 'shutdown' | 'handshake-timeout' | 'auth-refused' | 'access-refused' | 'frame-error' | 'clean' | 'connection-error';
export type ChannelErrorKind = 'unknown-delivery-tag' | 'ack-timeout' | 'inequivalent-arg' | 'message-too-large' | 'not-found' | 'access-refused' | 'resource-locked' | 'other';
interface FindingBase { at: number; node: string | null; level: LogLevel; text: string }
export type BrokerFinding =
  | (FindingBase & { kind: 'connection-close'; pidKey: string | null; brokerName: string | null; providedName: string | null; vhost: string | null; user: string | null; cause: LogCloseCause; timeoutSec: number | null; reason: string | null; exception: string | null })
  | (FindingBase & { kind: 'channel-error'; pidKey: string | null; brokerName: string | null; vhost: string | null; user: string | null; channel: number; operation: string | null; exception: string; errorKind: ChannelErrorKind; reason: string; timeoutMs: number | null })
  | (FindingBase & { kind: 'consumer-timeout'; consumerTag: string | null; channel: number | null; timeoutMs: number | null; pidKey: string | null })
  | (FindingBase & { kind: 'alarm'; resource: string | null; set: boolean })
  | (FindingBase & { kind: 'notice' });
