/**
 * Display formatting. Every function takes `null` to mean "not reported" and
 * shows it as an em dash, because a zero on a health dashboard is a claim.
 *
 * Locale is fixed to en-US so that separators never change between the server
 * render and the browser, and so that columns of numbers line up.
 */

export const NOT_REPORTED = '—';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dayAndClock = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const hourMinute = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
const dayHourMinute = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

export function fmtInt(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? NOT_REPORTED : integer.format(n);
}

/** Compact counts for tight cells: 1,234 → "1,234"; 1,234,567 → "1.2 M". */
export function fmtCount(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return NOT_REPORTED;
  if (Math.abs(n) >= 1_000_000) return `${oneDecimal.format(n / 1_000_000)} M`;
  return integer.format(n);
}

/** Seconds as a human duration: "0.4 s", "4.2 s", "58 s", "3 min 12 s", "2 h 5 min", "3 d 4 h". */
export function fmtSeconds(sec: number | null | undefined): string {
  if (sec == null || !Number.isFinite(sec)) return NOT_REPORTED;
  const sign = sec < 0 ? '−' : '';
  const s = Math.abs(sec);
  if (s < 10) return `${sign}${oneDecimal.format(Math.round(s * 10) / 10)} s`;
  if (s < 60) return `${sign}${Math.round(s)} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = Math.round(s - m * 60);
    return rest === 0 || m >= 10 ? `${sign}${m} min` : `${sign}${m} min ${rest} s`;
  }
  if (s < 86400) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s - h * 3600) / 60);
    return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} min`;
  }
  const d = Math.floor(s / 86400);
  const h = Math.round((s - d * 86400) / 3600);
  return h === 0 ? `${sign}${d} d` : `${sign}${d} d ${h} h`;
}

/**
 * Seconds kept in seconds ("45 s / 60 s", not "45 s / 1 min"): heartbeat
 * timeouts are configured in seconds, and silence reads best against them
 * in the same unit. Beyond an hour this falls back to fmtSeconds.
 */
export function fmtSecondsPlain(sec: number | null | undefined): string {
  if (sec == null || !Number.isFinite(sec)) return NOT_REPORTED;
  if (Math.abs(sec) >= 3600) return fmtSeconds(sec);
  const sign = sec < 0 ? '−' : '';
  const s = Math.abs(sec);
  return s < 10 ? `${sign}${oneDecimal.format(Math.round(s * 10) / 10)} s` : `${sign}${Math.round(s)} s`;
}

export function fmtMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return NOT_REPORTED;
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return fmtSeconds(ms / 1000);
}

/** Milliseconds with one decimal below 10 ms, for event-loop delays and fast round trips: "0.4 ms", "14 ms", "1.2 s". */
export function fmtMsFine(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return NOT_REPORTED;
  if (Math.abs(ms) < 10) return `${oneDecimal.format(Math.round(ms * 10) / 10)} ms`;
  return fmtMs(ms);
}

/** A duration between two instants, or up to `now` when it has not ended: "42 s", "3 min 12 s". */
export function fmtSpan(startAt: number, endAt: number | null, now: number): string {
  return fmtSeconds(Math.max(0, (endAt ?? now) - startAt) / 1000);
}

/** A future instant relative to `now`: "in 4 s", "now". */
export function fmtIn(at: number | null | undefined, now: number): string {
  if (at == null || !Number.isFinite(at)) return NOT_REPORTED;
  const sec = (at - now) / 1000;
  return sec < 1 ? 'now' : `in ${fmtSeconds(Math.ceil(sec))}`;
}

/** A past instant relative to `now`: "just now", "12 s ago", "3 min ago", "2 h ago". */
export function fmtAgo(at: number | null | undefined, now: number): string {
  if (at == null || !Number.isFinite(at)) return NOT_REPORTED;
  const sec = (now - at) / 1000;
  if (sec < -2) return `in ${fmtAgeUnit(-sec)}`;
  if (sec < 2) return 'just now';
  return `${fmtAgeUnit(sec)} ago`;
}

/** Ages are coarser than durations: nobody needs "3 min 12 s ago". */
function fmtAgeUnit(sec: number): string {
  if (sec < 60) return `${Math.floor(sec)} s`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min`;
  if (sec < 86400) return `${Math.floor(sec / 3600)} h`;
  return `${Math.floor(sec / 86400)} d`;
}

export function fmtClock(at: number | null | undefined): string {
  return at == null ? NOT_REPORTED : clock.format(at);
}

export function fmtDateTime(at: number | null | undefined): string {
  return at == null ? NOT_REPORTED : dayAndClock.format(at);
}

export function fmtHourMinute(at: number): string {
  return hourMinute.format(at);
}

/** For axes spanning days: "Tue 14:00". */
export function fmtDayHourMinute(at: number): string {
  return dayHourMinute.format(at);
}

export function fmtBytes(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return NOT_REPORTED;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${integer.format(v)} B` : `${oneDecimal.format(v)} ${units[i]}`;
}

export function fmtByteRate(bytesPerSec: number | null | undefined): string {
  if (bytesPerSec == null || !Number.isFinite(bytesPerSec)) return NOT_REPORTED;
  if (Math.abs(bytesPerSec) < 1024) return `${oneDecimal.format(bytesPerSec)} B/s`;
  return `${fmtBytes(bytesPerSec)}/s`;
}

export function fmtRate(perSec: number | null | undefined): string {
  if (perSec == null || !Number.isFinite(perSec)) return NOT_REPORTED;
  if (perSec === 0) return '0/s';
  if (Math.abs(perSec) < 10) return `${oneDecimal.format(perSec)}/s`;
  return `${integer.format(perSec)}/s`;
}

/** Megabytes per second as the probe reports them: "18.9 MB/s", "121 MB/s". */
export function fmtMBps(mbps: number | null | undefined): string {
  if (mbps == null || !Number.isFinite(mbps)) return NOT_REPORTED;
  return `${mbps < 100 ? oneDecimal.format(mbps) : integer.format(mbps)} MB/s`;
}

/** 0..1 → "42%". */
export function fmtRatio(r: number | null | undefined): string {
  if (r == null || !Number.isFinite(r)) return NOT_REPORTED;
  return `${Math.round(r * 100)}%`;
}
