import type { Metadata } from 'next';
import { Suspense } from 'react';
import { QueuesView } from '../../../components/queues/QueuesTable';

export const metadata: Metadata = { title: 'Queues' };

export default function QueuesPage() {
  // The selected queue lives in the query string, which needs a Suspense boundary in a prerendered page.
  return (
    <Suspense>
      <QueuesView />
    </Suspense>
  );
}
