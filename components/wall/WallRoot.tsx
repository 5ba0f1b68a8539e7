'use client';

import { useSearchParams } from 'next/navigation';
import { LiveStateProvider } from '../live/LiveStateProvider';
import { parseTargetFilter } from './wall-model';
import { WallView } from './WallView';

const DEFAULT_PAGE_SECONDS = 10;

/**
 * The wall's own live stream. A `token` left in the address means the page
 * runs inside another site's frame (the server redirects it away everywhere
 * else), where our cookies are not sent: the handshake carries it instead.
 */
export function WallRoot() {
  const params = useSearchParams();
  const token = params.get('token') ?? undefined;
  const pageSeconds = Number(params.get('pageSeconds'));
  return (
    <LiveStateProvider token={token}>
      <WallView
        filter={parseTargetFilter(params.get('targets'))}
        pageMs={(Number.isFinite(pageSeconds) && pageSeconds >= 3 ? pageSeconds : DEFAULT_PAGE_SECONDS) * 1000}
      />
    </LiveStateProvider>
  );
}
