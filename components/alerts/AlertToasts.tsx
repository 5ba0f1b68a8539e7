'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Alert } from '../../server/contract';
import { alertingOf } from '../../server/stream/apply-delta';
import { useLiveView, useNowTick } from '../live/LiveStateProvider';
import { Truncate } from '../ui/Truncate';
import { firingKey, newlyFiring, OBJECT_KIND_WORD, SEVERITY_LEVEL } from './alert-model';
import { SeverityBadge } from './SeverityBadge';

/** A toast stays this long unless the pointer or focus is on it. */
export const TOAST_MS = 8_000;
/** More at once would cover the page; the rest are on /alerts. */
const MAX_TOASTS = 4;

interface ToastItem {
  key: string;
  alert: Alert;
  targetName: string;
  /** When its 8 seconds started (again, after the pointer or focus left it). */
  shownAt: number;
}

/**
 * A toast for each alert that enters firing while the page is open (not for
 * those already firing when it loaded), bottom right (clear of the tables' heads), newest first. Each goes
 * after TOAST_MS unless the pointer or focus is on it, or when dismissed.
 */
export function AlertToasts() {
  const view = useLiveView();
  const now = useNowTick();
  const alerts = view === null ? null : alertingOf(view).alerts;
  const targets = view?.targets;
  const seen = useRef<Set<string> | null>(null);
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const [held, setHeld] = useState<string | null>(null);

  useEffect(() => {
    if (alerts === null) return;
    const { fresh, seen: next } = newlyFiring(seen.current, alerts);
    seen.current = next;
    if (fresh.length === 0) return;
    const names = new Map((targets ?? []).map((t) => [t.id, t.displayName]));
    const at = Date.now();
    const items = fresh.map((a) => ({ key: firingKey(a), alert: a, targetName: names.get(a.targetId) ?? a.targetId, shownAt: at }));
    setToasts((list) => [...items.reverse(), ...list.filter((t) => !items.some((i) => i.key === t.key))]);
  }, [alerts, targets]);

  // Expire on the shared one-second clock.
  useEffect(() => {
    setToasts((list) => {
      const kept = list.filter((t) => t.key === held || now - t.shownAt < TOAST_MS);
      return kept.length === list.length ? list : kept;
    });
  }, [now, held]);

  const dismiss = useCallback((key: string) => setToasts((list) => list.filter((t) => t.key !== key)), []);
  const heldRef = useRef<string | null>(null);
  const hold = useCallback((key: string | null) => {
    const prev = heldRef.current;
    // Leaving a toast gives it its full time again.
    if (prev !== null && prev !== key) setToasts((list) => list.map((t) => (t.key === prev ? { ...t, shownAt: Date.now() } : t)));
    heldRef.current = key;
    setHeld(key);
  }, []);

  const shown = toasts.slice(0, MAX_TOASTS);
  const more = toasts.length - shown.length;
  return (
    <div className="toasts" role="status" aria-live="polite" aria-relevant="additions" aria-label="New alerts" data-testid="toasts">
      {shown.map((t) => (
        <Toast key={t.key} item={t} onDismiss={dismiss} onHold={hold} />
      ))}
      {more > 0 ? (
        <Link href="/alerts" className="toast-more">
          and {more} more just fired — see Alerts
        </Link>
      ) : null}
    </div>
  );
}

function Toast({ item, onDismiss, onHold }: { item: ToastItem; onDismiss: (key: string) => void; onHold: (key: string | null) => void }) {
  const { alert } = item;
  return (
    <div
      className={`toast toast-${SEVERITY_LEVEL[alert.severity]}`}
      data-testid="toast"
      data-rule={alert.rule}
      data-severity={alert.severity}
      onMouseEnter={() => onHold(item.key)}
      onMouseLeave={() => onHold(null)}
      onFocus={() => onHold(item.key)}
      onBlur={() => onHold(null)}
    >
      <div className="toast-head">
        <SeverityBadge severity={alert.severity} />
        <span className="toast-kicker">Alert firing</span>
        <button type="button" className="toast-close" aria-label="Dismiss" title="Dismiss" onClick={() => onDismiss(item.key)}>
          ×
        </button>
      </div>
      <p className="toast-title">{alert.title}</p>
      <p className="toast-object">
        <span className="muted">{OBJECT_KIND_WORD[alert.object.kind]} </span>
        <Truncate text={alert.object.label} className="toast-label" />
        <span className="muted"> on {item.targetName}</span>
      </p>
      <Link href="/alerts" className="toast-link" onClick={() => onDismiss(item.key)}>
        See the cause and fix →
      </Link>
    </div>
  );
}
