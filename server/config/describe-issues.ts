import { z, type ZodError } from 'zod';
import { closestName } from '../shared/closest-name';
import { formatPath } from './environment';
import { configSchema } from './schema';

/**
 * Renders every one of zod's complaints as a line of its own, `where: problem
 * (got "value")`, so one start shows all that is wrong. `where` is the
 * variable a value came from when the environment set it (the user never wrote
 * `targets[0].managementUrl`), else the setting's path in `source`.
 */
export function describeIssues(error: ZodError, input: unknown, source: string, origins: ReadonlyMap<string, string>): string[] {
  return error.issues.flatMap((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const known = settingNamesAt(issue.path);
      // One line per unknown name: each has its own near miss.
      return issue.keys.map((key) => {
        const near = closestName(key, known);
        return `${source}: ${path || '(top level)'}: unknown setting "${key}"${near ? ` (did you mean ${near}?)` : ''}; remove it or check its spelling against README "Configuration"`;
      });
    }
    const variable = origins.get(path);
    const got = valueAt(input, issue.path);
    // A misspelt name (a rule or rule parameter) is wrong whatever its value.
    const aboutName = issue.code === 'custom' && issue.params?.about === 'name';
    const gotText = got === undefined || aboutName ? '' : ` (got ${redact(path, got)})`;
    let message = issue.message;
    if (issue.code === 'invalid_type' && got === undefined) message = 'is required';
    else if (issue.code === 'invalid_type') message = `must be ${issue.expected}`;
    const where = variable ? `environment: ${variable}` : `${source}: ${path || '(top level)'}`;
    return [`${where}: ${message}${gotText}`];
  });
}

/** The setting names the schema allows in the object at `path`, for "did you mean". */
function settingNamesAt(path: readonly PropertyKey[]): string[] {
  let current = unwrap(configSchema);
  for (const key of path) {
    if (current instanceof z.ZodObject) current = unwrap((current.shape as Record<string, unknown>)[String(key)]);
    else if (current instanceof z.ZodArray) current = unwrap(current.element);
    else if (current instanceof z.ZodRecord) current = unwrap(current.valueType);
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** The schema under its defaults, optionals and transforms: the one whose shape the input must have. */
function unwrap(schema: unknown): unknown {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap();
    else if (current instanceof z.ZodPipe) current = current.in;
    else return current;
  }
}

function valueAt(input: unknown, p: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Config errors are printed: never echo a password or a URL's credentials.
 * Anything before the last `@` of a string may be `user:password`, with or
 * without a scheme; objects and lists are not echoed at all.
 */
function redact(field: string, value: unknown): string {
  if (/password|secret|token/i.test(field)) return '"***"';
  if (typeof value === 'string') return `"${value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1***@')}"`;
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}
