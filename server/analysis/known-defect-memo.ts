import type { KnownDefect } from '../contract';
import { knownDefectsOf } from './known-bad-clients';

/** Defects by product, then by version. */
type Generation = Map<string | null, Map<string | null, KnownDefect[]>>;

/**
 * knownDefectsOf once per distinct product and version instead of once per
 * connection per poll (5,000 connections every 5 s are a few dozen distinct
 * clients). Held by the TargetStore, one per target. Each poll starts a new
 * generation that keeps only what that poll and the one before it used, so
 * clients reporting ever-new versions cannot grow it past two polls' worth.
 * A version keeps its one array for as long as it stays in use, so the rows
 * that carry it compare equal from poll to poll (the wire re-sends changed rows).
 */
export class KnownDefectMemo {
  private current: Generation = new Map();
  private previous: Generation = new Map();

  constructor(private readonly lookup: (product: string | null, version: string | null) => KnownDefect[] = knownDefectsOf) {}

  /** Call at the start of each poll's derivation. */
  nextPoll(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  of(product: string | null, version: string | null): KnownDefect[] {
    // Keyed by product, then version: no joined string key, whose separator a client could forge.
    let versions = this.current.get(product);
    const found = versions?.get(version) ?? this.previous.get(product)?.get(version);
    const defects = found ?? this.lookup(product, version);
    if (!versions) this.current.set(product, (versions = new Map()));
    versions.set(version, defects);
    return defects;
  }
}
