'use client';

import { fmtDateTime } from '../format';
import { useLiveView } from '../live/LiveStateProvider';

/**
 * On every page while the history is not being kept: everything still looks
 * live and fine, and the loss would otherwise be found only after a restart.
 */
export function HistoryBanner() {
  const history = useLiveView()?.selfHealth?.history;
  if (history?.state !== 'failing') return null;
  return (
    <div className="stream-banner stream-banner-crit" role="alert" data-testid="history-banner">
      <span aria-hidden="true">◆</span>
      <span>
        <strong>History not saved since {fmtDateTime(history.since)}.</strong> {history.message}
      </span>
    </div>
  );
}
