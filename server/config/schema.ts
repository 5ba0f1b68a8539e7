import { z } from 'zod';

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

export interface Config {
  host: string;
  port: number;
  poll: Parsed['poll'];
  history: Parsed['history'];
  targets: TargetConfig[];
}
