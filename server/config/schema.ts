import { z } from 'zod';
import { parseSize } from './sizes';

/**
 * The whole configuration, validated before anything starts. Every field has a
 * default that watches the broker on localhost, so `npm start` works bare.
 */

/** A URL with one of the given schemes; one message covers "not a URL" and "wrong scheme". */
const urlWithScheme = (schemes: RegExp, example: string) =>
  z.string().refine(
    (u) => {
      try {
        return schemes.test(new URL(u).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL such as ${example}` },
  );

const httpUrl = urlWithScheme(/^https?:$/, 'http://127.0.0.1:15672');
const amqpUrl = urlWithScheme(/^amqps?:$/, 'amqp://guest:guest@127.0.0.1:5672');

export const targetSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be 1–64 lowercase letters, digits, "-" or "_", starting with a letter or digit' }),
    name: z.string().min(1).max(100).optional(),
    amqpUrl: amqpUrl.default('amqp://guest:guest@127.0.0.1:5672'),
    managementUrl: httpUrl.default('http://127.0.0.1:15672'),
    /** Used when the management URL carries no credentials. */
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    pollIntervalMs: z.number().int().min(1000, { message: 'must be at least 1000 (the broker refreshes stats every 5000 ms)' }).optional(),
    requestTimeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();

const sizeText = z.string().refine((v) => v === 'max' || parseSize(v) !== null, {
  message: 'must be a size such as 1KiB, 8MiB or 1048576, or "max" for the largest the broker accepts',
});

const probesSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Requested heartbeat of the probe connection; the broker may negotiate lower. */
    heartbeatSec: z.number().int().min(1).max(600).default(5),
    roundTripIntervalMs: z.number().int().min(250).default(2000),
    roundTripDeadlineMs: z.number().int().min(500).default(10_000),
    reconnectBaseMs: z.number().int().min(100).default(1000),
    reconnectMaxMs: z.number().int().min(1000).default(30_000),
    largeMessage: z
      .object({
        enabled: z.boolean().default(true),
        /** Large payloads cost the broker memory and bandwidth: run rarely. */
        intervalMs: z.number().int().min(1000).default(600_000),
        sizes: z.array(sizeText).min(1).default(['1KiB', '1MiB', '8MiB', 'max']),
        deadlineMs: z.number().int().min(100).default(30_000),
        /** The broker's max_message_size when known; otherwise inferred from its version (3.x: 128 MiB, 4.x: 16 MiB). */
        maxSizeBytes: z.number().int().min(1).optional(),
      })
      .strict()
      .default({ enabled: true, intervalMs: 600_000, sizes: ['1KiB', '1MiB', '8MiB', 'max'], deadlineMs: 30_000 }),
  })
  .strict();

export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(3000),
    poll: z
      .object({
        intervalMs: z.number().int().min(1000, { message: 'must be at least 1000 (the broker refreshes stats every 5000 ms)' }).default(5000),
        requestTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
        /** Parallel requests per target; the six endpoints are small except at scale. */
        concurrency: z.number().int().min(1).max(6).default(3),
        maxBackoffMs: z.number().int().min(1000).default(60_000),
      })
      .strict()
      .default({ intervalMs: 5000, requestTimeoutMs: 10_000, concurrency: 3, maxBackoffMs: 60_000 }),
    history: z
      .object({
        /** Closed-connection events kept in memory. */
        maxEvents: z.number().int().min(10).max(100_000).default(2000),
        /** Chart points kept per object (720 = 1 h at a 5 s poll). */
        samplesPerSeries: z.number().int().min(10).max(20_000).default(720),
      })
      .strict()
      .default({ maxEvents: 2000, samplesPerSeries: 720 }),
    probes: probesSchema.default(probesSchema.parse({})),
    eventExchange: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .default({ enabled: true }),
    targets: z
      .array(targetSchema)
      .min(1, { message: 'must list at least one broker' })
      .superRefine((targets, ctx) => {
        const seen = new Set<string>();
        targets.forEach((t, i) => {
          if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicates id "${t.id}"; give each target its own id` });
          seen.add(t.id);
        });
      }),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
type Parsed = z.output<typeof configSchema>;

export interface TargetConfig {
  id: string;
  name: string;
  amqpUrl: string;
  /** Without credentials: safe to show. */
  managementUrl: string;
  /** Basic-auth credentials for the management API. Server-side only. */
  username: string;
  password: string;
  pollIntervalMs: number;
  requestTimeoutMs: number;
}

export type ProbesConfig = Parsed['probes'];

export interface Config {
  host: string;
  port: number;
  poll: Parsed['poll'];
  history: Parsed['history'];
  probes: ProbesConfig;
  eventExchange: Parsed['eventExchange'];
  targets: TargetConfig[];
}
