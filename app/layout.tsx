import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { requestSession } from '../components/session/request-session';
import { SessionProvider } from '../components/session/SessionProvider';
import { THEME_BOOT_SCRIPT } from '../components/shell/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'rabbitpulse', template: '%s · rabbitpulse' },
  description: 'Live health of RabbitMQ connections: heartbeat margins, unacked growth, prefetch, resets and their causes.',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
};

/**
 * Every page is rendered per request: the Content-Security-Policy nonce is
 * new each time, and the page shows what the caller's role allows.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const { role, authMode, nonce } = await requestSession();
  return (
    // The boot script may set data-theme before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce}>{THEME_BOOT_SCRIPT}</script>
      </head>
      <body>
        <SessionProvider value={{ role, authMode }}>{children}</SessionProvider>
      </body>
    </html>
  );
}
