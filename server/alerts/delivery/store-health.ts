import type { RateLimitedLog } from '../../rate-limited-log';

export type OutboxOperation = 'read' | 'write';

/**
 * Told when the outbox store starts failing (`ok` false, `message` saying
 * what fails and why), when what fails changes (reads as well as writes, or
 * no longer), and when it works again (`ok` true, `message` null). Only
 * changes are told, never each failure.
 */
export type StoreHealthListener = (ok: boolean, message: string | null) => void;

export interface StoreHealth {
  ok: boolean;
  message: string | null;
}

/**
 * Whether the outbox store works, as far as the delivery loop can tell from
 * its own calls: reads and writes each count as failing from a failure until
 * their next success. Reads can go on working on a full disk while every
 * write fails, so one success does not clear the other kind.
 *
 * Failures are logged under one key per kind through a rate-limited log: the
 * loop meets them on every poll and every attempt, and a line each time is
 * what filled the log before.
 */
export class OutboxStoreHealth {
  /** The problem of each failing kind, the latest set last. */
  private readonly failing = new Map<OutboxOperation, string>();

  constructor(
    private readonly log: RateLimitedLog,
    private readonly listener: StoreHealthListener,
  ) {}

  current(): StoreHealth {
    const problems = [...this.failing.values()];
    return { ok: problems.length === 0, message: problems.at(-1) ?? null };
  }

  /** `problem` names what failed ("the outbox cannot be written (…)"); `consequence` what that means for deliveries. */
  failed(op: OutboxOperation, problem: string, consequence: string): void {
    this.log.error(`outbox ${op}`, `delivery: ${problem}; ${consequence}`);
    const isNew = !this.failing.delete(op); // re-inserted last: the message is the latest problem
    this.failing.set(op, problem);
    if (isNew) this.tell();
  }

  worked(op: OutboxOperation): void {
    if (!this.failing.delete(op)) return;
    this.log.info(`outbox ${op}`, `delivery: the outbox can be ${op === 'read' ? 'read' : 'written'} again`);
    this.tell();
  }

  private tell(): void {
    const { ok, message } = this.current();
    try {
      this.listener(ok, message);
    } catch (err) {
      this.log.error('store health listener', `delivery: the store health listener threw: ${(err as Error).message}`);
    }
  }
}
