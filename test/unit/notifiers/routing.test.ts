import { describe, expect, it } from 'vitest';
import type { DeliveryKind, Severity } from '../../../server/contract';
import { accepts, createNotifier, createNotifiers, notifierInfo, route, type Route, type RouteConfig } from '../../../server/alerts/notifiers/index';
import { DiscordNotifier } from '../../../server/alerts/notifiers/discord';
import { PagerDutyNotifier } from '../../../server/alerts/notifiers/pagerduty';
import { SlackNotifier } from '../../../server/alerts/notifiers/slack';
import { TeamsNotifier } from '../../../server/alerts/notifiers/teams';
import { WebhookNotifier } from '../../../server/alerts/notifiers/webhook';
import { config } from './fixtures';

describe('accepts', () => {
  it.each<[Severity, string[] | null, Severity, string, DeliveryKind, boolean]>([
    // minSeverity, rules, alert severity, alert rule, kind, accepted
    ['warning', null, 'critical', 'r1', 'firing', true],
    ['warning', null, 'warning', 'r1', 'firing', true],
    ['warning', null, 'info', 'r1', 'firing', false],
    ['critical', null, 'warning', 'r1', 'resolved', false],
    ['info', null, 'info', 'r1', 'reminder', true],
    ['info', ['r1', 'r2'], 'info', 'r2', 'firing', true],
    ['info', ['r1'], 'critical', 'r2', 'firing', false],
    ['info', [], 'critical', 'r1', 'firing', false],
    // tests always pass, whatever the filters
    ['critical', ['r1'], 'info', 'test', 'test', true],
  ])('min %s, rules %j: %s alert of %s (%s) → %s', (minSeverity, rules, severity, rule, kind, expected) => {
    expect(accepts({ minSeverity, rules }, { severity, rule }, kind)).toBe(expected);
  });
});

describe('route', () => {
  const HOOK: RouteConfig = { id: 'hook', minSeverity: 'info', rules: null };
  const PAGER: RouteConfig = { id: 'pager', minSeverity: 'critical', rules: null };
  const TEAM: RouteConfig = { id: 'team', minSeverity: 'info', rules: ['r2'] };
  it.each<[string, RouteConfig[], string[] | null, Severity, DeliveryKind, Route]>([
    ['no notifier configured: nobody, and nobody skipped', [], null, 'critical', 'firing', { to: [], skipped: [] }],
    ['every notifier takes it', [HOOK, PAGER], null, 'critical', 'firing', { to: ['hook', 'pager'], skipped: [] }],
    [
      'a warning: the pager is critical only, the team takes other rules',
      [HOOK, PAGER, TEAM],
      null,
      'warning',
      'firing',
      { to: ['hook'], skipped: [{ notifierId: 'pager', because: 'below-min-severity' }, { notifierId: 'team', because: 'not-in-notifier-rules' }] },
    ],
    [
      "the rule's own notifiers list leaves the hook out, whatever the hook's filters",
      [HOOK, PAGER],
      ['pager'],
      'warning',
      'resolved',
      { to: [], skipped: [{ notifierId: 'hook', because: 'not-in-rule-notifiers' }, { notifierId: 'pager', because: 'below-min-severity' }] },
    ],
    ['a test passes every filter of the notifiers the rule names', [PAGER, TEAM], null, 'info', 'test', { to: ['pager', 'team'], skipped: [] }],
  ])('%s', (_name, notifiers, ruleNotifiers, severity, kind, expected) => {
    expect(route(notifiers, ruleNotifiers, { severity, rule: 'r1' }, kind)).toEqual(expected);
  });
});

describe('createNotifier', () => {
  it.each([
    ['webhook', WebhookNotifier],
    ['slack', SlackNotifier],
    ['teams', TeamsNotifier],
    ['discord', DiscordNotifier],
    ['pagerduty', PagerDutyNotifier],
  ] as const)('builds a %s notifier', (kind, type) => {
    const c = config({ kind, secret: 'k' });
    const notifier = createNotifier(c);
    expect(notifier).toBeInstanceOf(type);
    expect(notifier.config).toBe(c);
  });

  it('keys the map by notifier id', () => {
    const map = createNotifiers([config({ id: 'a' }), config({ id: 'b', kind: 'slack' })]);
    expect([...map.keys()]).toEqual(['a', 'b']);
    expect(map.get('b')).toBeInstanceOf(SlackNotifier);
  });
});

describe('notifierInfo', () => {
  it('shows the destination host only: never the path token, credentials or secret', () => {
    const c = config({ url: 'https://user:pw@hooks.slack.com/services/T000/B000/SECRETTOKEN?x=1', secret: 'hmac-secret', rules: ['r1'] });
    const info = notifierInfo(c);
    expect(info).toEqual({ id: 'n1', kind: 'webhook', name: 'Ops hook', destination: 'hooks.slack.com', minSeverity: 'warning', rules: ['r1'] });
    const json = JSON.stringify(info);
    for (const secret of ['SECRETTOKEN', 'hmac-secret', 'pw', 'services']) expect(json).not.toContain(secret);
  });

  it('keeps a non-default port and copes with an unparsable URL', () => {
    expect(notifierInfo(config({ url: 'http://127.0.0.1:8080/hook' })).destination).toBe('127.0.0.1:8080');
    expect(notifierInfo(config({ url: 'not a url' })).destination).toBe('(invalid URL)');
  });
});
