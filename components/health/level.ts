/** The three severities every badge, bar and row highlight speaks in. */
export type Level = 'ok' | 'warn' | 'crit' | 'neutral';

/** Words and shapes that carry the meaning without colour (colour-blind safe). */
export const LEVEL_ICON: Record<Level, string> = {
  ok: '✓',
  warn: '▲',
  crit: '◆',
  neutral: '○',
};
