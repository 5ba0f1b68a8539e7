'use client';

import type { ReactNode } from 'react';
import { EmptyState } from '../ui/EmptyState';
import type { StreamInterest } from '../../server/contract';
import { queuesStreamed, type LiveView } from '../../server/stream/apply-delta';
import { useLiveStatus, useLiveView, useStreamInterest } from './LiveStateProvider';

/**
 * Renders its children only once the first snapshot has arrived, and says
 * plainly why there is nothing yet. `requireTargets` also covers a server
 * that runs but polls no broker. `stream` names a part of the stream the
 * children show (queue rows): it is asked for, and waited for.
 */
export function RequireView({
  children,
  requireTargets = true,
  stream,
}: {
  children: (view: LiveView) => ReactNode;
  requireTargets?: boolean;
  stream?: keyof StreamInterest;
}) {
  const view = useLiveView();
  const { status } = useLiveStatus();
  useStreamInterest(stream ?? null);
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
  if (stream === 'queues' && !queuesStreamed(view)) {
    return (
      <EmptyState title="Loading queues…">
        <p>Queue rows are sent only to pages that show them; they arrive in a moment.</p>
      </EmptyState>
    );
  }
  return <>{children(view)}</>;
}
