import { describe, expect, it } from 'vitest';
import { closestName } from '../../server/shared/closest-name';

describe('closestName', () => {
  it.each([
    ['unbounded-prefech', ['heartbeat-margin', 'unbounded-prefetch'], 'unbounded-prefetch'],
    ['unaked', ['unacked'], 'unacked'],
    ['ratoi', ['ratio'], 'ratio'], // a swap is two edits, allowed for any length
    ['Node-Alarm', ['node-alarm'], 'node-alarm'],
    ['queue-full', ['heartbeat-margin', 'node-alarm'], null],
    ['x', ['ratio', 'bytes'], null],
    ['threshold', ['utilisation', 'windowSeconds', 'ready'], null],
    ['anything', [], null],
  ] as const)('%s among %j → %s', (name, candidates, expected) => {
    expect(closestName(name, candidates)).toBe(expected);
  });

  it('takes the nearest of several near names', () => {
    expect(closestName('closes', ['closesPerSecond', 'close', 'minutes'])).toBe('close');
  });

  it('between equally near names, takes the one the name begins', () => {
    // Both are 4 edits from RABBITMQ_MANAGEMENT_PASS; whatever the candidates' order, the password is meant.
    const candidates = ['RABBITMQ_MANAGEMENT_URL', 'RABBITMQ_MANAGEMENT_PASSWORD'];
    expect(closestName('RABBITMQ_MANAGEMENT_PASS', candidates)).toBe('RABBITMQ_MANAGEMENT_PASSWORD');
    expect(closestName('RABBITMQ_MANAGEMENT_PASS', [...candidates].reverse())).toBe('RABBITMQ_MANAGEMENT_PASSWORD');
  });
});
