/**
 * Small numbers standing for connection ids on the wire (ConnectionHealth.handle,
 * TargetDelta.recvMoved). Handles are reused, the most recently freed first,
 * so they stay below the most connections ever open at once and a bitmap of
 * them stays short. The store frees a handle when its connection leaves and
 * hands it out again at a later poll, after the delta that removed the old
 * connection, so no delta can mean two connections by one handle.
 */
export class ConnectionHandles {
  private readonly byId = new Map<string, number>();
  private readonly free: number[] = [];
  private next = 1;

  of(connectionId: string): number {
    let handle = this.byId.get(connectionId);
    if (handle === undefined) {
      handle = this.free.pop() ?? this.next++;
      this.byId.set(connectionId, handle);
    }
    return handle;
  }

  release(connectionId: string): void {
    const handle = this.byId.get(connectionId);
    if (handle === undefined) return;
    this.byId.delete(connectionId);
    this.free.push(handle);
  }
}
