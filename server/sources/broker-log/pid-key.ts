/** Interim (branch log-parser owns this file). */
export function pidKeyFromEvent(pid: string): string | null {
  const m = /^<([^.>]+@[^.>]+(?:\.[^.>]+)*?)\.\d+\.(\d+)\.(\d+)>$/.exec(pid);
  return m ? `${m[1]}/${m[2]}.${m[3]}` : null;
}
export function pidKeyFromLog(pid: string, node: string | null): string | null {
  const m = /^<\d+\.(\d+)\.(\d+)>$/.exec(pid);
  return m && node ? `${node}/${m[1]}.${m[2]}` : null;
}
