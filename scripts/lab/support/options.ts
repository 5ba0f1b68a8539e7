// Typed command-line options. A scenario declares its options as a record of
// specs; the CLI turns `--handler-ms 500` into `{ handlerMs: 500 }` with the
// spec's parser, and tests build the same record from the specs' defaults.
// Parsers throw an Error whose message says what was expected, so the CLI can
// name the option, the expectation and an example in one line.

import { formatBytes, parseSize, parseSizeList } from './sizes';

export interface OptionSpec<T> {
  /** One line for --help. */
  readonly help: string;
  /** Placeholder shown in --help, e.g. `<n>`. */
  readonly placeholder: string;
  /** A valid value, quoted in error messages as the fix. */
  readonly example: string;
  readonly defaultValue: T;
  /** How the default reads in --help. */
  readonly describeDefault: string;
  parse(raw: string): T;
}

export type OptionSpecs = Record<string, OptionSpec<unknown>>;

export type OptionValues<S extends OptionSpecs> = {
  [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never;
};

/** `handlerMs` → `--handler-ms`. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

export function defaultValues<S extends OptionSpecs>(specs: S): OptionValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) values[key] = spec.defaultValue;
  return values as OptionValues<S>;
}

export function wholeNumber(o: { help: string; default: number; min?: number; max?: number }): OptionSpec<number> {
  const min = o.min ?? 1;
  const max = o.max ?? Number.MAX_SAFE_INTEGER;
  return {
    help: o.help,
    placeholder: '<n>',
    example: String(o.default),
    defaultValue: o.default,
    describeDefault: String(o.default),
    parse(raw) {
      const value = Number(raw);
      if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
        throw new Error(max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`);
      }
      return value;
    },
  };
}

function parsePositiveNumber(raw: string, what: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new Error(what);
  return value;
}

/** A rate or other positive decimal, e.g. `--rate 2.5`. */
export function positiveNumber(o: { help: string; default: number }): OptionSpec<number> {
  return {
    help: o.help,
    placeholder: '<n>',
    example: String(o.default),
    defaultValue: o.default,
    describeDefault: String(o.default),
    parse: (raw) => parsePositiveNumber(raw, 'a number greater than 0'),
  };
}

/** Seconds; `undefined` as the default means "no limit". */
export function seconds<D extends number | undefined>(o: {
  help: string;
  default: D;
  whenUnset?: string;
}): OptionSpec<number | D> {
  return {
    help: o.help,
    placeholder: '<s>',
    example: String(o.default ?? 30),
    defaultValue: o.default,
    describeDefault: o.default === undefined ? (o.whenUnset ?? 'none') : `${o.default} s`,
    parse: (raw) => parsePositiveNumber(raw, 'a number of seconds greater than 0, e.g. 30 or 0.5'),
  };
}

export function byteSize(o: { help: string; default: number }): OptionSpec<number> {
  return {
    help: o.help,
    placeholder: '<size>',
    example: formatBytes(o.default).replace(' ', ''),
    defaultValue: o.default,
    describeDefault: `${o.default} (${formatBytes(o.default)})`,
    parse: parseSize,
  };
}

export function byteSizeList(o: { help: string; default: string }): OptionSpec<number[]> {
  return {
    help: o.help,
    placeholder: '<sizes>',
    example: o.default,
    defaultValue: parseSizeList(o.default),
    describeDefault: o.default,
    parse: parseSizeList,
  };
}

/** A URL whose scheme must be one of `schemes`, e.g. amqp: or amqps:. */
export function url(o: { help: string; default: string; schemes: readonly string[] }): OptionSpec<string> {
  return {
    help: o.help,
    placeholder: '<url>',
    example: o.default,
    defaultValue: o.default,
    describeDefault: o.default,
    parse(raw) {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw new Error(`a URL starting with ${o.schemes.join(' or ')}//`);
      }
      if (!o.schemes.includes(parsed.protocol)) throw new Error(`a URL starting with ${o.schemes.join(' or ')}//`);
      return raw;
    },
  };
}

/** One of a fixed set of words, e.g. `--handler timer|blocking`. */
export function choice<const V extends readonly string[]>(o: { help: string; values: V; default: V[number] }): OptionSpec<V[number]> {
  return {
    help: o.help,
    placeholder: `<${o.values.join('|')}>`,
    example: o.default,
    defaultValue: o.default,
    describeDefault: o.default,
    parse(raw) {
      if (!o.values.includes(raw)) throw new Error(`one of ${o.values.join(', ')}`);
      return raw as V[number];
    },
  };
}
