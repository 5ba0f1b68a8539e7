import { z } from 'zod';

/**
 * The kinds of threshold a rule takes. Each is a number schema with the rule's
 * default, the range that makes sense and a message saying what to write, so a
 * bad override in the config stops start-up instead of leaving a rule that
 * never, or always, holds.
 */

/** How far back the alert engine keeps events and measurements; no rule's window can look further. */
export const RULE_MEMORY_MINUTES = 15;
export const RULE_MEMORY_MS = RULE_MEMORY_MINUTES * 60_000;

/** Messages, closes, bytes: a whole number, 0 or more. */
export function count(defaultValue: number) {
  const message = 'must be a whole number, 0 or more';
  return z.number().int({ message }).min(0, { message }).default(defaultValue);
}

/** A rate or a latency: any number, 0 or more. */
export function atLeastZero(defaultValue: number) {
  return z.number().min(0, { message: 'must be 0 or more' }).default(defaultValue);
}

/** A share, such as consumer utilisation or file descriptors in use. */
export function fraction(defaultValue: number) {
  const message = 'must be a fraction from 0 to 1, such as 0.9 for 90 %';
  return z.number().min(0, { message }).max(1, { message }).default(defaultValue);
}

/** How far back a rule looks. Above 0 (an empty window sees nothing), and within the engine's memory. */
export function windowSeconds(defaultValue: number) {
  return lookBack(defaultValue, RULE_MEMORY_MINUTES * 60, 'seconds');
}

export function windowMinutes(defaultValue: number) {
  return lookBack(defaultValue, RULE_MEMORY_MINUTES, 'minutes');
}

function lookBack(defaultValue: number, max: number, unit: string) {
  const message = `must be above 0 and at most ${max} ${unit}, as far back as the alert engine remembers`;
  return z.number().gt(0, { message }).max(max, { message }).default(defaultValue);
}
