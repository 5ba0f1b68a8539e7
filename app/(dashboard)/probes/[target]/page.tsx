import type { Metadata } from 'next';
import { ProbesView } from '../../../../components/probes/ProbesView';

export const metadata: Metadata = { title: 'Probe' };

export default async function TargetProbePage({ params }: { params: Promise<{ target: string }> }) {
  const { target } = await params;
  return <ProbesView targetParam={target} />;
}
