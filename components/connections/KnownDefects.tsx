import type { KnownDefect } from '../../server/contract';
import { DEFECT_AREA_WORDS as AREA } from '../../server/shared/defect-areas';
import { LevelBadge } from '../ui/LevelBadge';

/** One line per defect, for a tooltip: what, since when it is fixed, where it is documented. */
function knownDefectsTitle(defects: readonly KnownDefect[]): string {
  return defects.map((d) => `${AREA[d.area]}: ${d.defect} Fixed in ${d.fixedIn}. ${d.source}`).join('\n');
}

/** The connections table's mark on a client version with a documented defect; the tooltip has them in brief, the connection's page in full. */
export function KnownDefectBadge({ defects }: { defects: readonly KnownDefect[] }) {
  if (defects.length === 0) return null;
  return (
    <span className="known-defect-badge" data-testid="known-defect-badge">
      <LevelBadge level="warn" title={`Known defect in this client version:\n${knownDefectsTitle(defects)}`}>
        known defect
      </LevelBadge>
    </span>
  );
}

/**
 * The connection page's account of its client's known defects, each with the
 * version that fixed it and a link to the library's own issue or changelog.
 * Text and links come from rabbitpulse's table (server/analysis/known-bad-clients.ts),
 * never from the broker; a link that is not https is shown as text all the same.
 */
export function KnownDefectsCallout({ defects }: { defects: readonly KnownDefect[] }) {
  if (defects.length === 0) return null;
  return (
    <div className="callout callout-warn known-defects" data-testid="known-defects">
      <p>
        <span aria-hidden="true">▲ </span>
        <strong>{defects.length === 1 ? 'A known defect' : `${defects.length} known defects`}</strong> in this client library version. Upgrade it to a
        version without {defects.length === 1 ? 'it' : 'them'}, then restart the application.
      </p>
      <ul>
        {defects.map((d) => (
          <li key={d.source}>
            <span className="known-defect-area">{AREA[d.area]}:</span> {d.defect} Fixed in <span className="mono">{d.fixedIn}</span>.{' '}
            {d.source.startsWith('https://') ? (
              <a href={d.source} target="_blank" rel="noopener noreferrer">
                Source
              </a>
            ) : (
              <span className="muted">{d.source}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
