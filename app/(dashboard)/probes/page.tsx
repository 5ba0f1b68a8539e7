import type { Metadata } from 'next';
import { ProbesView } from '../../../components/probes/ProbesView';

export const metadata: Metadata = { title: 'Probe' };

export default function ProbesPage() {
  return <ProbesView />;
}
