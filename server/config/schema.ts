import { z } from 'zod';
import { DEFAULT_RULES, overrideIssues } from '../alerts/rules';
import { DEFAULT_CONSUMER_TIMEOUT_MS } from '../analysis/consumer-timeout';
import { parsePasswordHash } from '../auth/password';
import { formatSize, parseSize } from './sizes';

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

/**
 * The largest management API answer read, per request. At 20,000
 * connections (4× the 5,000 measured in DESIGN.md §2) the trimmed
 * /api/connections is about 10 MB and /api/channels about 7 MB; a broker or
 * proxy that ignores `columns=` sends about 25 MB of connections and 35 MB of
 * channels. 64 MiB leaves room for all of these, and for clients with large
 * client properties, while a runaway answer (300 MB took the server to 2.4 GB of
 * memory, on every retry) is cut off early. Each request of a poll may hold
 * up to this much at once (poll.concurrency of them).
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 ** 2;
const MIN_RESPONSE_BYTES = 64 * 1024;
/** V8 strings end at about 512 MiB: an answer larger than that could never be parsed. */
const MAX_RESPONSE_BYTES = 512 * 1024 ** 2;

/** A size in bytes, as a whole number or with a unit (`64MiB`). */
const byteSize = (min: number, max: number) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const bytes = typeof value === 'number' ? value : parseSize(value);
    if (bytes === null || !Number.isInteger(bytes) || bytes < min || bytes > max) {
      ctx.addIssue({ code: 'custom', message: `must be a size from ${formatSize(min)} to ${formatSize(max)}, such as 64MiB or 67108864` });
      return z.NEVER;
    }
    return bytes;
  });

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

const historySchema = z
  .object({
    /** Recent events kept in memory for the live view (all are in the database). */
    maxEvents: z.number().int().min(10).max(100_000).default(2000),
    /** Chart points kept in memory per object (720 = 1 h at a 5 s poll). */
    samplesPerSeries: z.number().int().min(10).max(20_000).default(720),
    /** SQLite file; its folder is created if missing. */
    database: z.string().min(1, { message: 'must be a file path such as ./data/rabbitpulse.db' }).default('./data/rabbitpulse.db'),
    /** One row per poll is kept this long… */
    rawRetentionHours: z.number().min(1).max(24 * 31).default(6),
    /** …then 1-minute rollups this long. */
    rollupRetentionDays: z.number().min(1).max(366).default(7),
    /** Events, resolved alerts and delivered notifications. */
    eventRetentionDays: z.number().min(1).max(3660).default(30),
  })
  .strict();

const severity = z.enum(['info', 'warning', 'critical'], { message: 'must be info, warning or critical' });

const ruleOverrideSchema = z
  .object({
    enabled: z.boolean().optional(),
    severity: severity.optional(),
    /** The condition must hold this long before the alert fires. */
    forMs: z.number().int().min(0).optional(),
    /** …and be clear this long before it resolves (hysteresis). */
    resolveAfterMs: z.number().int().min(0).optional(),
    /** Notifier ids this rule goes to; default: every notifier whose own filters accept it. */
    notifiers: z.array(z.string()).optional(),
    /** Rule-specific thresholds, e.g. `{ unacked: 100 }`; names and ranges are checked against the rule (below). */
    params: z.record(z.string(), z.number()).optional(),
  })
  .strict();

/** Overrides by rule id, checked against the rules themselves so a typo or a senseless threshold stops start-up. */
const ruleOverridesSchema = z.record(z.string(), ruleOverrideSchema).superRefine((overrides, ctx) => {
  for (const issue of overrideIssues(overrides, DEFAULT_RULES)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { about: issue.about } });
  }
});

const consumerTimeoutMessage = "must be the brokers' consumer_timeout in milliseconds, such as 1800000 (30 min, RabbitMQ's default), or 0 if it is turned off";
// Below a second would be a typo for seconds: the broker checks only about once a minute anyway.
const consumerTimeoutMs = z
  .number()
  .int({ message: consumerTimeoutMessage })
  .refine((v) => v === 0 || v >= 1000, { message: consumerTimeoutMessage });

const alertsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Re-notify a still-firing, unacknowledged alert this often (0 = never). */
    reminderIntervalMs: z.number().int().min(0).default(3_600_000),
    /** Public URL of this dashboard, for links in notifications. */
    dashboardUrl: z.string().url({ message: 'must be a URL such as https://rabbitpulse.example.com' }).optional(),
    rules: ruleOverridesSchema.default({}),
    /**
     * The brokers' own `consumer_timeout`, which the management API does not
     * show: the length of the consumer timeout countdown for queues without an
     * `x-consumer-timeout` argument or `consumer-timeout` policy. 0 = turned off on the broker.
     */
    consumerTimeoutMs: consumerTimeoutMs.default(DEFAULT_CONSUMER_TIMEOUT_MS),
  })
  .strict();

const notifierSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'must be 1–64 lowercase letters, digits, "-" or "_"' }),
    kind: z.enum(['webhook', 'slack', 'teams', 'discord', 'pagerduty'], { message: 'must be one of webhook, slack, teams, discord, pagerduty' }),
    name: z.string().min(1).max(100).optional(),
    url: z.string().url({ message: 'must be the full webhook URL, starting with https://' }).optional(),
    /** Generic webhook: HMAC-SHA256 signing secret. PagerDuty: the integration (routing) key. */
    secret: z.string().min(1).optional(),
    minSeverity: severity.default('warning'),
    rules: z.array(z.string()).optional(),
  })
  .strict();

const deliverySchema = z
  .object({
    timeoutMs: z.number().int().min(100).default(10_000),
    baseBackoffMs: z.number().int().min(10).default(1000),
    maxBackoffMs: z.number().int().min(100).default(300_000),
    /** Stop retrying a notification after this long and show it as failed. */
    giveUpAfterMs: z.number().int().min(1000).default(6 * 3_600_000),
  })
  .strict();

/** An origin allowed to embed /wall in a frame: `https://intranet.example.com[:port]`, or `'self'`. */
const frameAncestor = z
  .string()
  .regex(/^(?:'self'|https?:\/\/(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?)$/i, { message: "must be an origin such as https://intranet.example.com, or 'self'" });

const authSchema = z
  .object({
    /** `none` (no sign-in) is allowed only on a loopback address; see server/auth/policy.ts. */
    mode: z.enum(['password', 'none'], { message: 'must be password or none' }).default('password'),
    /** Made by `npm run hash-password`; RABBITPULSE_ADMIN_PASSWORD overrides it. */
    adminPasswordHash: z
      .string()
      .refine((h) => parsePasswordHash(h) !== null, { message: 'must be a hash made by `npm run hash-password` (scrypt$N$r$p$salt$hash)' })
      .optional(),
    /** How long an admin stays signed in. */
    sessionHours: z.number().min(0.1).max(24 * 30).default(12),
    /** Failed sign-ins allowed per client address per minute; then 429 until the minute has passed. */
    loginAttemptsPerMinute: z.number().int().min(1).max(1000).default(5),
    /** Mark cookies `Secure` (set when users reach rabbitpulse over https, e.g. through a proxy). */
    secureCookies: z.boolean().default(false),
    /** Behind a reverse proxy: take the client address from X-Forwarded-For and https from X-Forwarded-Proto. */
    trustProxy: z.boolean().default(false),
    /** Origins allowed to show /wall in a frame; every other page may never be framed. */
    frameAncestors: z.array(frameAncestor).default([]),
  })
  .strict();

const portMessage = 'must be a port number from 1 to 65535, or 0 for a free one';

export const configSchema = z
  .object({
    host: z.string().min(1, { message: 'must be an address to listen on, such as 127.0.0.1 or 0.0.0.0' }).default('127.0.0.1'),
    port: z.number().int().min(0, { message: portMessage }).max(65535, { message: portMessage }).default(3000),
    poll: z
      .object({
        intervalMs: z.number().int().min(1000, { message: 'must be at least 1000 (the broker refreshes stats every 5000 ms)' }).default(5000),
        requestTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
        /** Parallel requests per target; the six endpoints are small except at scale. */
        concurrency: z.number().int().min(1).max(6).default(3),
        maxBackoffMs: z.number().int().min(1000).default(60_000),
        /**
         * While the event exchange is not subscribed, ask the broker this often
         * which connections exist, so closes are seen within about this long
         * instead of at the next poll. 0 turns it off.
         */
        closeSweepMs: z
          .number()
          .int()
          .refine((v) => v === 0 || v >= 250, { message: 'must be 0 (off) or at least 250' })
          .default(1000),
        /** A management answer larger than this is not read further, and the target shows `too-large`. */
        maxResponseBytes: byteSize(MIN_RESPONSE_BYTES, MAX_RESPONSE_BYTES).default(DEFAULT_MAX_RESPONSE_BYTES),
      })
      .strict()
      .default({ intervalMs: 5000, requestTimeoutMs: 10_000, concurrency: 3, maxBackoffMs: 60_000, closeSweepMs: 1000, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES }),
    history: historySchema.default(historySchema.parse({})),
    alerts: alertsSchema.default(alertsSchema.parse({})),
    notifiers: z
      .array(notifierSchema)
      .default([])
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((n, i) => {
          if (seen.has(n.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicates id "${n.id}"; give each notifier its own id` });
          seen.add(n.id);
          // PagerDuty alone has a fixed endpoint (load.ts fills it in).
          if (n.kind !== 'pagerduty' && !n.url) ctx.addIssue({ code: 'custom', path: [i, 'url'], message: `is required for ${n.kind}; set it to the webhook URL` });
          if (n.kind === 'pagerduty' && !n.secret) ctx.addIssue({ code: 'custom', path: [i, 'secret'], message: 'is required for pagerduty: set it to the integration (routing) key' });
        });
      }),
    delivery: deliverySchema.default(deliverySchema.parse({})),
    auth: authSchema.default(authSchema.parse({})),
    probes: probesSchema.default(probesSchema.parse({})),
    eventExchange: z
      .object({
        enabled: z.boolean().default(true),
        /** Also subscribe to the broker's log exchange where the broker has it on. */
        brokerLog: z.boolean().default(true),
        /**
         * How long a close waits for the broker's log line about it. The line usually comes within a few ms,
         * but trailed by up to 85 ms under 5,000 connections (BENCHMARKS.md run 11); a later line refines the
         * event in place, so the wait only bounds what the join may add to a close's latency.
         */
        logWaitMs: z.number().int().min(0).max(5_000).default(50),
      })
      .strict()
      .default({ enabled: true, brokerLog: true, logWaitMs: 50 }),
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
  /** poll.maxResponseBytes: the largest management answer read. */
  maxResponseBytes: number;
}

export type ProbesConfig = Parsed['probes'];
export type EventExchangeConfig = Parsed['eventExchange'];
export type AlertsConfig = Parsed['alerts'];
export type DeliveryConfig = Parsed['delivery'];
export type HistoryConfig = Parsed['history'];
export type RuleOverride = z.output<typeof ruleOverrideSchema>;

export interface AuthConfig {
  mode: 'password' | 'none';
  /** scrypt hash of the admin password (from the file, or hashed from RABBITPULSE_ADMIN_PASSWORD at start); null = none set. */
  adminPasswordHash: string | null;
  /** SHA-256 (hex) of RABBITPULSE_API_TOKEN; null = no API token. */
  apiTokenHash: string | null;
  sessionHours: number;
  loginAttemptsPerMinute: number;
  secureCookies: boolean;
  trustProxy: boolean;
  frameAncestors: string[];
}

export interface Config {
  host: string;
  port: number;
  poll: Parsed['poll'];
  history: HistoryConfig;
  probes: ProbesConfig;
  eventExchange: Parsed['eventExchange'];
  alerts: AlertsConfig;
  /** With secrets: server-side only. */
  notifiers: Array<import('../alerts/types').NotifierConfig>;
  delivery: DeliveryConfig;
  /** With secrets (hashed): server-side only. */
  auth: AuthConfig;
  targets: TargetConfig[];
}
