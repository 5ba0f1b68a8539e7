import type { Metadata } from 'next';
import { AccessView } from '../../../components/session/AccessView';

export const metadata: Metadata = { title: 'Access' };

export default function AccessPage() {
  return <AccessView />;
}
