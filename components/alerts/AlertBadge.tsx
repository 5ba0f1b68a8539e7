'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { fmtInt } from '../format';
import { LEVEL_ICON } from '../health/level';
import { alertingOf } from '../../server/stream/apply-delta';
import { useLiveView } from '../live/LiveStateProvider';
import { firingSummary, SEVERITY_LEVEL, SEVERITY_WORD } from './alert-model';

/**
 * The number of firing alerts in the top bar, in the colour and shape of the
 * most severe one (◆ critical, ▲ warning, ○ info), linking to /alerts.
 */
export function AlertBadge() {
  const view = useLiveView();
  const pathname = usePathname() ?? '/';
  const summary = firingSummary(alertingOf(view).alerts);
  const level = view === null ? 'neutral' : summary.highest === null ? 'ok' : SEVERITY_LEVEL[summary.highest];
  const icon = view === null ? LEVEL_ICON.neutral : LEVEL_ICON[level];
  const detail = (['critical', 'warning', 'info'] as const)
    .filter((s) => summary.bySeverity[s] > 0)
    .map((s) => `${summary.bySeverity[s]} ${SEVERITY_WORD[s].toLowerCase()}`)
    .join(', ');
  const label =
    view === null ? 'Alerts: waiting for the server' : summary.count === 0 ? 'No alerts firing' : `${summary.count} alert${summary.count === 1 ? '' : 's'} firing: ${detail}`;
  return (
    <Link
      href="/alerts"
      className={`alert-badge alert-badge-${level}${summary.count > 0 ? ' alert-badge-firing' : ''}`}
      data-testid="alert-badge"
      data-count={summary.count}
      data-severity={summary.highest ?? 'none'}
      aria-label={label}
      aria-current={pathname === '/alerts' ? 'page' : undefined}
      title={label}
    >
      <span className="alert-badge-icon" aria-hidden="true">
        {icon}
      </span>
      {summary.count === 0 ? (
        <span className="alert-badge-word">{view === null ? 'Alerts' : 'No alerts'}</span>
      ) : (
        <>
          <span className="alert-badge-count">{fmtInt(summary.count)}</span>
          <span className="alert-badge-word">{summary.highest === null ? 'firing' : `firing · ${SEVERITY_WORD[summary.highest].toLowerCase()}`}</span>
        </>
      )}
    </Link>
  );
}
