/**
 * Counts occurrences per fingerprint in a bounded table: past `capacity` fingerprints the least
 * recently seen one is forgotten (its next occurrence counts from 1 again), so memory stays flat
 * however many distinct bugs a process meets.
 */
export class OccurrenceCounter {
  private readonly _counts = new Map<string, number>();
  private readonly _capacity: number;

  /** A table of at most `capacity` fingerprints (at least 1). */
  constructor(capacity: number) {
    this._capacity = Math.max(1, Math.floor(capacity));
  }

  /** Counts one occurrence of `fingerprint` and returns its ordinal (1 for the first); `null` counts as 1. */
  next(fingerprint: string | null): number {
    if (fingerprint === null) return 1;
    const count = (this._counts.get(fingerprint) ?? 0) + 1;
    // Delete then set moves the key to the end of the Map's order: the first key is the stalest.
    this._counts.delete(fingerprint);
    this._counts.set(fingerprint, count);
    if (this._counts.size > this._capacity) {
      const stalest = this._counts.keys().next();
      if (stalest.done !== true) this._counts.delete(stalest.value);
    }
    return count;
  }
}
