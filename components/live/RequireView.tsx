'use client';

import type { ReactNode } from 'react';
import { EmptyState } from '../ui/EmptyState';
import type { LiveView } from './apply-delta';
import { useLiveStatus, useLiveView } from './LiveStateProvider';

/**
 * Renders its children only once the first snapshot has arrived, and says
 * plainly why there is nothing yet. `requireTargets` also covers a server
 * that runs but polls no broker.
 */
export function RequireView({ children, requireTargets = true }: { children: (view: LiveView) => ReactNode; requireTargets?: boolean }) {
  const view = useLiveView();
  const { status } = useLiveStatus();
  if (!view) {
    return (
      <EmptyState title={status === 'connecting' ? 'Connecting to the rabbitpulse server…' : 'No data from the rabbitpulse server yet'}>
        <p>The first snapshot arrives as soon as the live stream is up.</p>
      </EmptyState>
    );
  }
  if (requireTargets && view.targets.length === 0) {
    return (
      <EmptyState title="No brokers are being polled">
        <p>
          rabbitpulse has no targets configured, so there is nothing to show. Add a RabbitMQ management endpoint to the
          server&apos;s configuration and restart it; its first poll appears here within seconds.
        </p>
      </EmptyState>
    );
  }
  return <>{children(view)}</>;
}
