import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WallRoot } from '../../components/wall/WallRoot';
import './wall.css';

export const metadata: Metadata = { title: 'Wall' };

/** The team TV: read-only, no navigation, its own live stream. */
export default function WallPage() {
  return (
    <Suspense>
      <WallRoot />
    </Suspense>
  );
}
