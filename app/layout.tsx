import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AlertToasts } from '../components/alerts/AlertToasts';
import { LiveStateProvider } from '../components/live/LiveStateProvider';
import { StreamBanner } from '../components/shell/StreamBanner';
import { THEME_BOOT_SCRIPT } from '../components/shell/theme';
import { TopBar } from '../components/shell/TopBar';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'rabbitpulse', template: '%s · rabbitpulse' },
  description: 'Live health of RabbitMQ connections: heartbeat margins, unacked growth, prefetch, resets and their causes.',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The boot script may set data-theme before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script>{THEME_BOOT_SCRIPT}</script>
      </head>
      <body>
        <LiveStateProvider>
          <div className="shell">
            <TopBar />
            <StreamBanner />
            <main className="main">{children}</main>
          </div>
          <AlertToasts />
        </LiveStateProvider>
      </body>
    </html>
  );
}
