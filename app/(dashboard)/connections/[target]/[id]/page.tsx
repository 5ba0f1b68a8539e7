import type { Metadata } from 'next';
import { ConnectionDetailView } from '../../../../../components/connections/ConnectionDetail';

export const metadata: Metadata = { title: 'Connection' };

export default async function ConnectionPage({ params }: { params: Promise<{ target: string; id: string }> }) {
  const { target, id } = await params;
  return <ConnectionDetailView targetParam={target} idParam={id} />;
}
