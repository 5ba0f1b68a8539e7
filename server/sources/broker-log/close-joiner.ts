import type { ObservedClose } from '../../analysis/close-order';
import type { BrokerLogKept } from '../../contract';
import type { BrokerFinding, LogCloseCause } from './finding';
import { pidKeyFromEvent } from './pid-key';

export type CloseFinding = Extract<BrokerFinding, { kind: 'connection-close' }>;
type ChannelFinding = Extract<BrokerFinding, { kind: 'channel-error' }>;
export type TimeoutWarning = Extract<BrokerFinding, { kind: 'consumer-timeout' }>;

export interface CloseJoinerOptions {
  /**
   * How long a close from the event exchange waits for its log line before
   * it is posted without one. Measured on 3.10.8: the line comes 1–3 ms after
   * the event (DESIGN.md §2); the bound only matters when it does not come.
   */
  waitMs: number;
  /** A close, with the broker's line when it came in time. */
  onClose(close: ObservedClose, finding: CloseFinding | null): void;
  /** A line that came after its close was posted, or one that says more than the first. */
  onRefine(close: ObservedClose, finding: CloseFinding): void;
  /**
   * Everything that is not joined to a close: channel errors (a consumer
   * timeout's with the broker's warning line before it, which names the
   * queue), closes of connections that never opened (handshake, login, vhost
   * access), alarms, notices.
   */
  onFinding(finding: BrokerFinding, warning: TimeoutWarning | null): void;
}

/** Lines that came before their close wait this long for it. */
const EARLY_KEEP_MS = 5_000;
/** A posted close can be refined by a line this late; later ones are dropped (the close is long shown). */
const REFINE_KEEP_MS = 30_000;
/** The consumer-timeout warning precedes its channel error by microseconds (measured); it waits this long. */
const TIMEOUT_WARNING_KEEP_MS = 2_000;
/** Bounds, so a flood of lines nobody joins cannot grow memory. */
const MAX_KEPT = 20_000;

/**
 * Causes of connections that never finished opening: the event exchange
 * reports no connection.created for them, so no close will ever come to
 * join — they go out on their own at once.
 */
const NEVER_OPENED: ReadonlySet<LogCloseCause> = new Set(['handshake-timeout', 'auth-refused', 'access-refused', 'frame-error']);

/** How much a line says: a later line replaces an earlier one only if it says more. */
function weight(f: CloseFinding): number {
  if (f.cause === 'clean') return 0;
  if (f.cause === 'connection-error') return 1;
  return 2;
}

interface Sent {
  close: ObservedClose;
  finding: CloseFinding | null;
  at: number;
}

/**
 * Joins the broker's log lines to the closes the event exchange reports, by
 * the connection process (pid keys: the log's `<0.886.0>` and the event's
 * `<rabbit@host.N.886.0>` on the same node). Either may come first. While the
 * log exchange is not subscribed nothing waits: closes go out at once with
 * today's inferred causes.
 */
export class BrokerCloseJoiner {
  private logActive = false;
  private readonly pending = new Map<string, { close: ObservedClose; timer: NodeJS.Timeout }>();
  private readonly early = new Map<string, { finding: CloseFinding; at: number }>();
  private readonly sent = new Map<string, Sent>();
  private readonly warnings = new Map<string, { finding: TimeoutWarning; timer: NodeJS.Timeout }>();

  constructor(private readonly opts: CloseJoinerOptions) {}

  /** Whether log lines are arriving; when they stop, waiting closes go out at once. */
  setLogActive(active: boolean): void {
    this.logActive = active;
    if (!active) this.flush();
  }

  onClose(close: ObservedClose): void {
    const now = Date.now();
    this.prune(now);
    const key = pidKeyFromEvent(close.pid);
    if (key === null) {
      this.opts.onClose(close, null);
      return;
    }
    const early = this.early.get(key);
    if (early) {
      this.early.delete(key);
      this.post(key, close, early.finding, now);
      return;
    }
    if (!this.logActive) {
      this.post(key, close, null, now);
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.post(key, close, null, Date.now());
    }, this.opts.waitMs);
    this.pending.set(key, { close, timer });
  }

  onFinding(finding: BrokerFinding): void {
    const now = Date.now();
    this.prune(now);
    switch (finding.kind) {
      case 'connection-close':
        this.onCloseLine(finding, now);
        return;
      case 'consumer-timeout':
        this.holdWarning(finding);
        return;
      case 'channel-error':
        this.opts.onFinding(finding, this.takeWarning(finding));
        return;
      default:
        if (!isRoutine(finding)) this.opts.onFinding(finding, null);
    }
  }

  stop(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    for (const w of this.warnings.values()) clearTimeout(w.timer);
    this.pending.clear();
    this.warnings.clear();
  }

  /** Sizes, for tests and memory checks (the app reports them in its self-health). */
  size(): BrokerLogKept {
    return { pending: this.pending.size, early: this.early.size, sent: this.sent.size };
  }

  private onCloseLine(finding: CloseFinding, now: number): void {
    if (NEVER_OPENED.has(finding.cause) || finding.pidKey === null) {
      this.opts.onFinding(finding, null);
      return;
    }
    const key = finding.pidKey;
    const waiting = this.pending.get(key);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.pending.delete(key);
      this.post(key, waiting.close, finding, now);
      return;
    }
    const sent = this.sent.get(key);
    if (sent) {
      if (sent.finding === null || weight(finding) > weight(sent.finding)) {
        sent.finding = finding;
        this.opts.onRefine(sent.close, finding);
      }
      return;
    }
    // Before its close (or a second line before it): keep the one that says most.
    const before = this.early.get(key);
    if (!before || weight(finding) > weight(before.finding)) {
      this.early.delete(key);
      this.early.set(key, { finding, at: now });
      this.bound(this.early);
    }
  }

  private post(key: string, close: ObservedClose, finding: CloseFinding | null, now: number): void {
    this.sent.delete(key);
    this.sent.set(key, { close, finding, at: now });
    this.bound(this.sent);
    this.opts.onClose(close, finding);
  }

  private holdWarning(finding: TimeoutWarning): void {
    const key = warningKey(finding.channelPidKey, finding.node, finding.channel);
    const before = this.warnings.get(key);
    if (before) {
      clearTimeout(before.timer);
      this.opts.onFinding(before.finding, null);
    }
    // Unmatched, it is still worth showing: the broker said a consumer timed out.
    const timer = setTimeout(() => {
      this.warnings.delete(key);
      this.opts.onFinding(finding, null);
    }, TIMEOUT_WARNING_KEEP_MS);
    this.warnings.set(key, { finding, timer });
  }

  private takeWarning(finding: ChannelFinding): TimeoutWarning | null {
    if (finding.errorKind !== 'ack-timeout') return null;
    const key = warningKey(finding.channelPidKey, finding.node, finding.channel);
    const warning = this.warnings.get(key);
    if (!warning) return null;
    clearTimeout(warning.timer);
    this.warnings.delete(key);
    return warning.finding;
  }

  private flush(): void {
    const now = Date.now();
    for (const [key, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(key);
      this.post(key, p.close, null, now);
    }
  }

  /** Maps are in insertion order, which is time order here: drop from the front. */
  private prune(now: number): void {
    for (const [key, e] of this.early) {
      if (now - e.at < EARLY_KEEP_MS) break;
      this.early.delete(key);
    }
    for (const [key, s] of this.sent) {
      if (now - s.at < REFINE_KEEP_MS) break;
      this.sent.delete(key);
    }
  }

  private bound(map: Map<string, unknown>): void {
    while (map.size > MAX_KEPT) map.delete(map.keys().next().value as string);
  }
}

/**
 * Both lines come from the channel's own process (the log line's prefix), so
 * its pid joins them; the warning names no connection. Without it, the node
 * and channel number are the next best thing within the short wait.
 */
/**
 * Lines that are nobody's news: the broker's routine (accepting, authenticated,
 * a vhost's message store starting…) at info and below, and alarms, which the
 * event exchange reports already. Dropped here, in the probe worker: at 10
 * connections a second they would otherwise cross to the main thread only to
 * be thrown away (the benchmark measured that cost).
 */
function isRoutine(finding: BrokerFinding): boolean {
  if (finding.kind === 'alarm') return true;
  return finding.kind === 'notice' && (finding.level === 'info' || finding.level === 'notice' || finding.level === 'debug');
}

const warningKey = (channelPidKey: string | null, node: string | null, channel: number | null) => channelPidKey ?? `${node ?? ''}/#${channel ?? ''}`;
