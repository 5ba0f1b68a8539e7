import type { Metadata } from 'next';
import { ConnectionsView } from '../../../components/connections/ConnectionsTable';

export const metadata: Metadata = { title: 'Connections' };

export default function ConnectionsPage() {
  return <ConnectionsView />;
}
