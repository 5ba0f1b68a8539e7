import { describe, expect, it } from 'vitest';
import type { TargetState } from '../../../server/contract';
import { targetHealth } from '../../../server/shared/target-health';
import { attentionLead } from '../../../components/overview/attention';
import { alert, probeState, targetState } from '../builders';

const NOW = 2_000_000;
const judged = (t: TargetState): TargetState => ({ ...t, health: targetHealth(t, []) });

describe('attentionLead: what "Needs attention" lists before the connections at risk', () => {
  it('targets whose health names a problem or cannot tell yet; not those that are ok or only informed', () => {
    const refused = probeState({ state: 'down', lastError: { cause: 'auth-failure', message: 'ACCESS_REFUSED', at: 1 } });
    const targets = [
      judged(targetState({ id: 'fine' })),
      judged(targetState({ id: 'log-off', probe: probeState() })), // info: the broker log is off by default
      judged(targetState({ id: 'refused', probe: refused })),
      judged(targetState({ id: 'new', status: { ...targetState().status, kind: 'starting' } })),
    ];
    expect(attentionLead(targets, [], NOW).targets.map((t) => [t.id, t.health.reasons[0]])).toEqual([
      ['refused', 'probe down: credentials refused'],
      ['new', 'waiting for the first poll'],
    ]);
  });

  it('alerts: firing first (most severe, then longest firing), then pending; resolved and other targets left out', () => {
    const conn = (id: string) => ({ kind: 'connection' as const, id, label: id });
    const alerts = [
      alert({ rule: 'pending', state: 'pending', firedAt: null, since: 1_500_000, object: conn('a') }),
      alert({ rule: 'warning', severity: 'warning', firedAt: 1_000_000, object: conn('b') }),
      alert({ rule: 'late-critical', firedAt: 1_900_000, object: conn('c') }),
      alert({ rule: 'early-critical', firedAt: 1_100_000, object: conn('d') }),
      alert({ rule: 'resolved', state: 'resolved', resolvedAt: 1_950_000, object: conn('e') }),
      alert({ rule: 'elsewhere', targetId: 'not-shown', object: conn('f') }),
    ];
    expect(attentionLead([targetState()], alerts, NOW).alerts.map((a) => a.rule)).toEqual(['early-critical', 'late-critical', 'warning', 'pending']);
  });
});
