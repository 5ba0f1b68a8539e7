import type { LargeMessageResult } from '../../server/contract';
import { fmtBytes, fmtMBps, fmtMs } from '../format';
import { EmptyState } from '../ui/EmptyState';
import { LevelBadge } from '../ui/LevelBadge';
import { Ago } from '../ui/Ago';
import { SimpleTable, type Column } from '../ui/SimpleTable';
import { ProbeCard } from './ProbeCard';
import { LARGE_STATUS } from './probe-words';

const COLUMNS: Column[] = [
  { label: 'Size' },
  { label: 'Status' },
  { label: 'Latency', className: 'num' },
  { label: 'Throughput', className: 'num' },
  { label: 'Checked' },
  { label: 'Message' },
];

/** One row per payload size: did it arrive whole, how fast, and — when refused — the broker's limit. */
export function LargeMessagesCard({ results }: { results: readonly LargeMessageResult[] }) {
  return (
    <ProbeCard
      titleId="probe-large-title"
      title="Large messages"
      testId="probe-large"
      aside={<span className="muted">payloads of known size and SHA-256, on their own connection</span>}
    >
      {results.length === 0 ? (
        <EmptyState compact title="No large-message checks">
          <p>The large-message probe is turned off (probes.largeMessage.enabled), or its first run has not started.</p>
        </EmptyState>
      ) : (
        <SimpleTable columns={COLUMNS}>
          {results.map((r) => {
            const status = LARGE_STATUS[r.status];
            return (
              <tr key={r.sizeBytes} data-testid="large-row" data-status={r.status}>
                <td title={`${r.sizeBytes.toLocaleString('en-US')} bytes`}>{r.label}</td>
                <td>
                  <LevelBadge level={status.level}>{status.word}</LevelBadge>
                </td>
                <td className="num">{fmtMs(r.latencyMs)}</td>
                <td className="num">{fmtMBps(r.throughputMBps)}</td>
                <td className="muted">{r.status === 'pending' ? '—' : <Ago at={r.at} />}</td>
                <td className="cell-wrap">
                  {r.limitBytes !== null ? (
                    <strong className="text-crit">Broker limit {fmtBytes(r.limitBytes)}. </strong>
                  ) : null}
                  {/* For a whole arrival the server's sentence only repeats the row; say what was checked instead. */}
                  {r.status === 'ok' ? <span className="muted">length and SHA-256 match</span> : <span>{r.message}</span>}
                </td>
              </tr>
            );
          })}
        </SimpleTable>
      )}
    </ProbeCard>
  );
}
