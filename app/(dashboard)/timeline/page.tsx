import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TimelineView } from '../../../components/timeline/TimelineView';

export const metadata: Metadata = { title: 'Timeline' };

export default function TimelinePage() {
  // The view reads ?target=, which needs a Suspense boundary in a prerendered page.
  return (
    <Suspense>
      <TimelineView />
    </Suspense>
  );
}
