import type { ReactNode } from 'react';
import { AlertToasts } from '../../components/alerts/AlertToasts';
import { LiveStateProvider } from '../../components/live/LiveStateProvider';
import { NoAuthBanner } from '../../components/session/NoAuthBanner';
import { HistoryBanner } from '../../components/shell/HistoryBanner';
import { StreamBanner } from '../../components/shell/StreamBanner';
import { TopBar } from '../../components/shell/TopBar';

/** The dashboard's pages: the top bar, the live stream and its warnings (history not kept too), alert toasts. */
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <LiveStateProvider>
      <div className="shell">
        <TopBar />
        <NoAuthBanner />
        <StreamBanner />
        <HistoryBanner />
        <main className="main">{children}</main>
      </div>
      <AlertToasts />
    </LiveStateProvider>
  );
}
