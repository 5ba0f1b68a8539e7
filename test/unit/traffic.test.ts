import { describe, expect, it } from 'vitest';
import { trafficOf } from '../../server/analysis/traffic';
import { CONN_NAME, rawChannel, rawConnection } from './builders';

describe('trafficOf', () => {
  const other = '10.0.0.9:5000 -> 127.0.0.1:5672';
  const connections = [rawConnection({ recvRate: 3, sendRate: 4 }), rawConnection({ name: other, recvRate: 9, sendRate: 9 })];
  const channels = [
    rawChannel({ number: 1, ackRate: 1.5, deliverRate: 2.5 }),
    rawChannel({ number: 2, ackRate: null, deliverRate: 0 }),
    rawChannel({ connectionName: other, ackRate: 7, deliverRate: 7 }),
  ];

  it("gives one connection's byte rates and its own channels' message rates", () => {
    expect(trafficOf(CONN_NAME, connections, channels, 42)).toEqual({
      observedAt: 42,
      recvRate: 3,
      sendRate: 4,
      channels: { [`${CONN_NAME} (1)`]: { ackRate: 1.5, deliverRate: 2.5 }, [`${CONN_NAME} (2)`]: { ackRate: null, deliverRate: 0 } },
    });
  });

  it('is null for a connection the poll did not list', () => {
    expect(trafficOf('gone', connections, channels, 42)).toBeNull();
  });
});
