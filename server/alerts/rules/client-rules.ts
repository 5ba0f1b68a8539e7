import type { ConnectionHealth } from '../../contract';
import { upgradeTarget } from '../../analysis/known-bad-clients';
import { DEFECT_AREA_WORDS } from '../../shared/defect-areas';
import { defineRule } from './define';
import { appConnections, connectionObject } from './objects';

/** F4 and F1 from the other side: a client library version documented to lose large messages, miss heartbeats or hang on resets. */
export const knownBadClient = defineRule({
  id: 'known-bad-client',
  usesPoll: true,
  title: 'Client library version with a known defect',
  severity: 'info',
  // The version does not change while the connection lives: nothing to wait out either way.
  forMs: 0,
  resolveAfterMs: 0,
  params: {},
  explanation:
    "This connection's client library reports a version with a documented defect in heartbeats, large messages, acks or connection handling; the value names each defect and the version that fixed it, and the connection's page links to the library's own issue, pull request or commit. " +
    'Fix: upgrade the library to at least the version the value names, then restart the application so it reconnects with it.',
  evaluate: ({ target }) =>
    appConnections(target.connections)
      .filter((c) => c.knownDefects.length > 0)
      .map((c) => ({ object: connectionObject(c), value: defectsText(c) })),
});

function defectsText(c: ConnectionHealth): string {
  const defects = c.knownDefects;
  const head = defects.length === 1 ? `${c.client} has a known defect.` : `${c.client} has ${defects.length} known defects.`;
  const each = defects.map((d) => `${DEFECT_AREA_WORDS[d.area]}, fixed in ${d.fixedIn}: ${d.defect}`);
  const upgrade = upgradeTarget(c.clientProduct, defects);
  return [head, ...each, ...(upgrade ? [`Upgrade to ${upgrade} or later.`] : [])].join(' ');
}
