/**
 * A bounded ring of timestamped numeric samples, stored in typed arrays.
 * 5,000 connections × 720 points as JS objects would cost hundreds of MB;
 * as Float32 values it is tens. Storage starts small and doubles up to the
 * capacity, because most connections are short-lived and never fill it.
 * `null` is stored as NaN and given back as null.
 */
export class SampleRing {
  private times: Float64Array;
  private values: Float32Array;
  private start = 0;
  private count = 0;

  constructor(
    private readonly capacity: number,
    private readonly fields: number,
    initial = 16,
  ) {
    const size = Math.min(initial, capacity);
    this.times = new Float64Array(size);
    this.values = new Float32Array(size * fields);
  }

  get length(): number {
    return this.count;
  }

  push(at: number, values: ReadonlyArray<number | null>): void {
    if (this.count === this.times.length && this.times.length < this.capacity) this.grow();
    const slot = (this.start + this.count) % this.times.length;
    if (this.count === this.times.length) this.start = (this.start + 1) % this.times.length;
    else this.count++;
    this.times[slot] = at;
    for (let f = 0; f < this.fields; f++) this.values[slot * this.fields + f] = values[f] ?? NaN;
  }

  /** Oldest first, optionally only samples at or after `since`. */
  read(since = -Infinity): Array<{ at: number; values: Array<number | null> }> {
    const out: Array<{ at: number; values: Array<number | null> }> = [];
    for (let i = 0; i < this.count; i++) {
      const slot = (this.start + i) % this.times.length;
      const at = this.times[slot]!;
      if (at < since) continue;
      const values: Array<number | null> = [];
      for (let f = 0; f < this.fields; f++) {
        const v = this.values[slot * this.fields + f]!;
        values.push(Number.isNaN(v) ? null : v);
      }
      out.push({ at, values });
    }
    return out;
  }

  private grow(): void {
    const size = Math.min(this.capacity, this.times.length * 2);
    const times = new Float64Array(size);
    const values = new Float32Array(size * this.fields);
    for (let i = 0; i < this.count; i++) {
      const slot = (this.start + i) % this.times.length;
      times[i] = this.times[slot]!;
      values.set(this.values.subarray(slot * this.fields, (slot + 1) * this.fields), i * this.fields);
    }
    this.times = times;
    this.values = values;
    this.start = 0;
  }
}
