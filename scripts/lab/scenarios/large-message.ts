// F4: large messages. Publishes one payload of each size with publisher
// confirms and consumes it back on the same connection, checking length and
// SHA-256, so the outcome of each size is known rather than guessed:
//   ok        confirmed, arrived whole within --timeout
//   rejected  the broker closed the channel (406 PRECONDITION_FAILED above
//             max_message_size) or nacked it
//   truncated arrived shorter (or longer) than sent
//   corrupted arrived at full length with a different checksum
//   late      confirmed but not delivered within --timeout

import { createHash, randomBytes } from 'node:crypto';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { withCleanup } from '../support/cleanup';
import { describeError, lost, negotiatedFrameMax, type LabConnection } from '../support/connect';
import { labConnectionName } from '../support/names';
import { byteSizeList, seconds } from '../support/options';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { formatBytes } from '../support/sizes';
import { secondsSince, sleep, waitForEnd } from '../support/time';

const NAME = 'large-message';

const options = {
  sizes: byteSizeList({ help: 'payload sizes to try, in order', default: '1KiB,1MiB,8MiB,64MiB' }),
  timeout: seconds({ help: 'how long a confirmed message may take to arrive before it counts as late', default: 30 }),
};

export type LargeMessageOptions = ScenarioOptions<typeof options>;

type Verdict = 'ok' | 'rejected' | 'truncated' | 'corrupted' | 'late';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Matches deliveries to the payloads waiting for them, by message id. */
class Arrivals {
  private readonly waiting = new Map<string, (message: ConsumeMessage) => void>();
  private readonly sentAt = new Map<string, number>();

  constructor(private readonly log: LabLog) {}

  expect(id: string): Promise<ConsumeMessage> {
    this.sentAt.set(id, Date.now());
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  giveUp(id: string): void {
    this.waiting.delete(id);
  }

  receive(message: ConsumeMessage): void {
    const id = String(message.properties.messageId);
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    if (resolve) return resolve(message);
    const sent = this.sentAt.get(id);
    this.log(`${id} arrived after it was given up on${sent === undefined ? '' : `, ${secondsSince(sent)} s after publishing`}`);
  }
}

/** A confirm channel that remembers the error the broker closed it with, for the verdict. */
interface PublishChannel {
  channel: ConfirmChannel;
  closeReason(): string | undefined;
}

async function openPublishChannel(connection: LabConnection): Promise<PublishChannel> {
  const channel = await connection.model.createConfirmChannel();
  let reason: string | undefined;
  channel.on('error', (err: Error) => (reason = describeError(err)));
  return { channel, closeReason: () => reason };
}

function publishConfirmed(channel: ConfirmChannel, queue: string, payload: Buffer, id: string, checksum: string): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.sendToQueue(queue, payload, { messageId: id, headers: { 'x-lab-sha256': checksum } }, (err: unknown) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
    );
  });
}

function judgeArrival(sent: Buffer, checksum: string, got: Buffer): Outcome {
  if (got.length !== sent.length) return { verdict: 'truncated', detail: `${got.length} of ${sent.length} bytes arrived` };
  if (sha256(got) !== checksum) return { verdict: 'corrupted', detail: 'full length, different SHA-256' };
  return { verdict: 'ok', detail: `arrived whole, SHA-256 ${checksum.slice(0, 12)}…` };
}

interface Outcome {
  verdict: Verdict;
  detail: string;
}

/** Everything one round shares: where to publish, where arrivals land, how long to wait. */
interface Round {
  connection: LabConnection;
  publisher: PublishChannel;
  queue: string;
  arrivals: Arrivals;
  timeoutSeconds: number;
  signal: AbortSignal;
}

/** Publishes one payload and waits for it to come back; undefined if the round was stopped meanwhile. */
async function probeSize(round: Round, id: string, size: number): Promise<Outcome | undefined> {
  const payload = randomBytes(size);
  const checksum = sha256(payload);
  const arrival = round.arrivals.expect(id);
  const startedMs = Date.now();
  try {
    await publishConfirmed(round.publisher.channel, round.queue, payload, id, checksum);
  } catch (err) {
    round.arrivals.giveUp(id);
    const reason = round.publisher.closeReason();
    // A channel error closes the channel; the next size needs a fresh one.
    if (reason) round.publisher = await openPublishChannel(round.connection);
    return { verdict: 'rejected', detail: reason ?? describeError(err) };
  }
  const confirmedIn = secondsSince(startedMs);
  const got = await Promise.race([arrival, sleep(round.timeoutSeconds * 1000, round.signal).then(() => undefined)]);
  if (round.signal.aborted) return undefined;
  if (!got) {
    round.arrivals.giveUp(id);
    return { verdict: 'late', detail: `confirmed in ${confirmedIn} s, not delivered within ${round.timeoutSeconds} s` };
  }
  const outcome = judgeArrival(payload, checksum, got.content);
  return { ...outcome, detail: `${outcome.detail}; confirmed in ${confirmedIn} s, delivered in ${secondsSince(startedMs)} s` };
}

function logFrameCount(connection: LabConnection, sizes: number[], log: LabLog): void {
  const frameMax = negotiatedFrameMax(connection);
  if (!frameMax) return;
  const largest = Math.max(...sizes);
  // 8 bytes of each frame are header and end marker, not body.
  const frames = Math.ceil(largest / (frameMax - 8));
  log(`${connection.name}: negotiated frame_max ${frameMax} bytes; ${formatBytes(largest)} travels as ${frames} body frame${frames === 1 ? '' : 's'}`);
}

export async function run(o: LargeMessageOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  const name = labConnectionName(NAME);
  log(
    `Expect on rabbitpulse: connection ${name} (short-lived) publishing ${o.sizes.map(formatBytes).join(', ')}; each size ` +
      `reported ok, or rejected with the channel's 406 PRECONDITION_FAILED when above the broker's max_message_size ` +
      `(128 MiB on 3.x, 16 MiB on 4.x).`,
  );
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const connection = await cleanup.connect(name);
    const publisher = await openPublishChannel(connection);
    const queue = await cleanup.declareQueue(publisher.channel, NAME);
    const arrivals = new Arrivals(log);
    const consumer = await connection.model.createChannel();
    await consumer.consume(queue, (message) => message && arrivals.receive(message), { noAck: true });
    logFrameCount(connection, o.sizes, log);

    const round: Round = { connection, publisher, queue, arrivals, timeoutSeconds: o.timeout, signal: cleanup.signal };
    const results: string[] = [];
    const tryAll = async () => {
      for (const [index, size] of o.sizes.entries()) {
        const outcome = await probeSize(round, `${name}-${index + 1}-${size}`, size);
        if (!outcome) return;
        log(`${formatBytes(size)}: ${outcome.verdict} — ${outcome.detail}`);
        results.push(`${formatBytes(size)} ${outcome.verdict}`);
      }
    };
    const end = await Promise.race([tryAll().then(() => 'every size tried'), waitForEnd(cleanup.signal, o.duration), lost(connection)]);
    log(`results: ${results.join(', ') || 'none'}`);
    log(`ending: ${end}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'F4: publish payloads of given sizes with confirms, consume them back, verify length and SHA-256',
  options,
  run,
});
