'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { AlertBadge } from '../alerts/AlertBadge';
import { SessionControls } from '../session/SessionControls';
import { useCanWrite } from '../session/SessionProvider';
import { LiveStatusPill } from './LiveStatusPill';
import { ThemeToggle } from './ThemeToggle';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/connections', label: 'Connections' },
  { href: '/queues', label: 'Queues' },
  { href: '/probes', label: 'Probes' },
  { href: '/timeline', label: 'Timeline' },
  { href: '/alerts', label: 'Alerts' },
] as const;

/** Managing viewer tokens is an admin's job; viewers do not see the link. */
const ADMIN_NAV = [{ href: '/access', label: 'Access' }] as const;

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function TopBar() {
  const pathname = usePathname() ?? '/';
  const admin = useCanWrite();
  const items = admin ? [...NAV, ...ADMIN_NAV] : NAV;
  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label="rabbitpulse overview">
        <svg className="brand-mark" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M2 13h4l2.5-6 4 11 3-8 1.5 3H22" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="brand-name">rabbitpulse</span>
      </Link>
      <nav className="nav" aria-label="Main">
        {items.map((item) => {
          const active = isActive(pathname, item.href);
          return (
            <Link key={item.href} href={item.href} className={active ? 'nav-link nav-link-active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
              {item.label}
            </Link>
          );
        })}
      </nav>
      <div className="topbar-end">
        <AlertBadge />
        <LiveStatusPill />
        <ThemeToggle />
        <SessionControls />
      </div>
    </header>
  );
}
