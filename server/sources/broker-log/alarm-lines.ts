/**
 * Resource alarms as rabbit_alarm logs them (3.10 … 4.3), the first line of a
 * multi-line warning whose banner follows:
 *
 *   memory resource limit alarm set on node 'rabbit@localhost'.
 *   disk resource limit alarm cleared on node 'rabbit@localhost'
 *   file descriptor limit alarm set.
 *
 * `resource` uses the event exchange's names (`memory`, `disk`) so the two
 * sources agree; the file-descriptor alarm is `file_descriptor_limit`.
 */
export interface AlarmLine {
  resource: string;
  set: boolean;
}

const RESOURCE_ALARM = /^(memory|disk) resource limit alarm (set|cleared) on node /;
const FD_ALARM = /^file descriptor limit alarm (set|cleared)/;

export function readAlarmLine(text: string): AlarmLine | null {
  const resource = RESOURCE_ALARM.exec(text);
  if (resource) return { resource: resource[1]!, set: resource[2] === 'set' };
  const fd = FD_ALARM.exec(text);
  return fd ? { resource: 'file_descriptor_limit', set: fd[1] === 'set' } : null;
}
