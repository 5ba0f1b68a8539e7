/** Broker ids contain spaces, `>` and `/`; every path segment is encoded whole. */
export function connectionHref(targetId: string, connectionId: string): string {
  return `/connections/${encodeURIComponent(targetId)}/${encodeURIComponent(connectionId)}`;
}

/** Queue ids are `vhost/name` and may contain anything, so the panel is addressed by query string. */
export function queueHref(targetId: string, queueId: string): string {
  return `/queues?${new URLSearchParams({ target: targetId, queue: queueId }).toString()}`;
}

export function timelineHref(targetId?: string): string {
  return targetId ? `/timeline?${new URLSearchParams({ target: targetId }).toString()}` : '/timeline';
}

/** The probe page of one target; without a target, the first one's. */
export function probeHref(targetId?: string): string {
  return targetId ? `/probes/${encodeURIComponent(targetId)}` : '/probes';
}

/**
 * Route params may arrive encoded or decoded depending on the characters in
 * them; callers match against both readings.
 */
export function paramCandidates(param: string): string[] {
  try {
    const decoded = decodeURIComponent(param);
    return decoded === param ? [param] : [param, decoded];
  } catch {
    return [param];
  }
}

/**
 * An alert's card on the alerts page. Alert ids embed object names (untrusted,
 * any character), so the anchor is the id encoded whole, as the card sets it.
 */
export function alertAnchor(alertId: string): string {
  return `alert-${encodeURIComponent(alertId)}`;
}

export function alertHref(alertId: string): string {
  return `/alerts#${alertAnchor(alertId)}`;
}
