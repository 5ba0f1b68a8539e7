import type { NotifierInfo, NotifierKind } from '../../contract';
import type { Notifier, NotifierConfig } from '../types';
import { DiscordNotifier } from './discord';
import { PagerDutyNotifier } from './pagerduty';
import { SlackNotifier } from './slack';
import { TeamsNotifier } from './teams';
import { WebhookNotifier } from './webhook';

export { accepts, route, type Route, type RouteConfig } from './routing';

const FACTORIES: Record<NotifierKind, (config: NotifierConfig) => Notifier> = {
  webhook: (c) => new WebhookNotifier(c),
  slack: (c) => new SlackNotifier(c),
  teams: (c) => new TeamsNotifier(c),
  discord: (c) => new DiscordNotifier(c),
  pagerduty: (c) => new PagerDutyNotifier(c),
};

export function createNotifier(config: NotifierConfig): Notifier {
  return FACTORIES[config.kind](config);
}

/** The notifiers keyed by id, as DeliveryLoop wants them. */
export function createNotifiers(configs: readonly NotifierConfig[]): Map<string, Notifier> {
  return new Map(configs.map((c) => [c.id, createNotifier(c)]));
}

/**
 * What the UI may know about a notifier. Webhook URLs carry their credentials
 * in the path (Slack, Discord, Teams tokens) and the secret is a secret: only
 * the host leaves the server.
 */
export function notifierInfo(config: NotifierConfig): NotifierInfo {
  return {
    id: config.id,
    kind: config.kind,
    name: config.name,
    destination: hostOf(config.url),
    minSeverity: config.minSeverity,
    rules: config.rules === null ? null : [...config.rules],
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
