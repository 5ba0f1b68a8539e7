/**
 * One key for one Erlang process, however the broker wrote its pid, so a log
 * line can be joined to the event exchange's connection.
 *
 * The log prints a local pid as `<0.886.0>`: 0 means "this node", then the
 * process number and serial. The event exchange prints the same process as
 * `<rabbit@localhost.1796179593.886.0>`: node name, the node's creation
 * stamp, then the same two numbers. Both become `rabbit@localhost/886.0`.
 * (The creation stamp changes when the node restarts; a restarted node can
 * reuse process numbers, but not while the old connection still exists.)
 */

/** `<0.886.0>`: a pid local to the node that logged it. */
const LOCAL_PID = /^<0\.(\d+)\.(\d+)>$/;
/** `<rabbit@host.1796179593.886.0>`: node names may contain dots, so the three numbers are taken from the end. */
const EVENT_PID = /^<(.+)\.\d+\.(\d+)\.(\d+)>$/;

/**
 * The key for a pid the log printed on `node` (the message's `node` header).
 * Null without a node, or for a pid of another node (`<8721.488.0>`): the log
 * does not say which node that is.
 */
export function pidKeyFromLog(pid: string, node: string | null): string | null {
  const m = LOCAL_PID.exec(pid);
  return m && node ? `${node}/${m[1]}.${m[2]}` : null;
}

/** The key for a pid as the event exchange sends it (`connection.created` header `pid`). */
export function pidKeyFromEvent(pid: string): string | null {
  const m = EVENT_PID.exec(pid);
  return m ? `${m[1]}/${m[2]}.${m[3]}` : null;
}
