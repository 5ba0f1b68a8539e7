/**
 * rabbitpulse's own connections to a broker (probe, large-message probe,
 * event subscription). They are shown, marked, but kept out of findings
 * about applications, and their closes are reported by the probes with
 * exact causes instead of inferred ones.
 */
const OWN_CONNECTION = /^rabbitpulse-(probe|large|events)\//;

export function isOwnConnection(providedName: string | null | undefined): boolean {
  return OWN_CONNECTION.test(providedName ?? '');
}
