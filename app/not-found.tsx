import Link from 'next/link';
import { EmptyState } from '../components/ui/EmptyState';

export default function NotFound() {
  return (
    <EmptyState title="No such page">
      <p>
        Try the <Link href="/">overview</Link>, the <Link href="/connections">connections</Link> or the{' '}
        <Link href="/timeline">timeline</Link>.
      </p>
    </EmptyState>
  );
}
