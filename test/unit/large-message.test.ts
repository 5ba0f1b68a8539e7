import { describe, expect, it } from 'vitest';
import { defaultMaxMessageSize, largeProbeConnectionName, limitFromRejection } from '../../server/sources/probes/large-message-probe';

const MiB = 1024 ** 2;

describe('defaultMaxMessageSize', () => {
  it.each([
    { version: '3.10.8', out: 128 * MiB },
    { version: '3.13.7', out: 128 * MiB },
    { version: '4.0.0', out: 16 * MiB },
    { version: '4.1.0', out: 16 * MiB },
    { version: '4.2.0-beta.1', out: 16 * MiB },
    { version: '10.0.1', out: 16 * MiB },
    { version: null, out: 128 * MiB },
    { version: '', out: 128 * MiB },
    { version: 'unknown', out: 128 * MiB },
  ])('$version → $out', ({ version, out }) => {
    expect(defaultMaxMessageSize(version)).toBe(out);
  });
});

describe('limitFromRejection', () => {
  it.each([
    {
      case: 'the 406 text of RabbitMQ 3.10',
      text: 'Channel closed by server: 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - message size 2097152 is larger than configured max size 1048576"',
      out: 1048576,
    },
    { case: 'the bare broker text', text: 'PRECONDITION_FAILED - message size 134217729 is larger than max size 134217728', out: 134217728 },
    { case: 'a 406 about something else', text: 'Channel closed by server: 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - inequivalent arg \'durable\' for queue \'q\'"', out: null },
    { case: 'a forced close', text: 'Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - Closed via management plugin"', out: null },
    { case: 'empty', text: '', out: null },
  ])('$case → $out', ({ text, out }) => {
    expect(limitFromRejection(text)).toBe(out);
  });
});

describe('largeProbeConnectionName', () => {
  it('is the name the hub ignores as its own', () => {
    expect(largeProbeConnectionName('prod')).toBe('rabbitpulse-large/prod');
  });
});
