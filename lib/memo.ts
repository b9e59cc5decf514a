// Results kept in this process's memory: one entry per slot, served while the version it was computed
// from holds. The version is read from the data itself (a database counter, the dates regions were
// finalised, an immutable token), so a stale result cannot be found, on one instance or several, and a
// slot names what the result is about, never who asked. Bounded: the oldest slot goes first. A promise
// that fails is forgotten, so the next request computes again.
export class VersionedMemo<V> {
  private readonly entries = new Map<string, { version: string; value: V }>();

  constructor(private readonly maxSlots: number) {}

  /** The value kept for `slot` at `version`, else the one `compute` gives (kept, and shared meanwhile). */
  get(slot: string, version: string, compute: () => V): V {
    const kept = this.entries.get(slot);
    if (kept && kept.version === version) return kept.value;
    const value = compute();
    this.entries.delete(slot);
    this.entries.set(slot, { version, value });
    if (this.entries.size > this.maxSlots) this.entries.delete(this.entries.keys().next().value!);
    if (value instanceof Promise)
      value.catch(() => {
        if (this.entries.get(slot)?.value === value) this.entries.delete(slot);
      });
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
