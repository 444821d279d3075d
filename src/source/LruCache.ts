/** Options of an `LruCache`. */
export interface LruCacheOptions<V> {
  /** Most entries kept; the least recently used one is evicted first. Clamped to at least 1. */
  maxEntries: number;
  /** Most total weight kept (see `weigh`). Default: unbounded. */
  maxWeight?: number;
  /** Weight of one value, e.g. its length in characters. Default: every value weighs 0. */
  weigh?: (value: V) => number;
}

interface Slot<V> {
  value: V;
  weight: number;
}

// Stands for "no key is known to be the most recent one" (any key, `undefined` included, may be used).
const UNKNOWN: unique symbol = Symbol('LruCache.unknown');

/**
 * A small bounded least-recently-used cache on a `Map` (whose iteration order is insertion order,
 * so re-inserting on access makes the first key the least recently used one).
 * The newest entry is always kept, even when it alone outweighs `maxWeight`: a caller that asks
 * again right away (the next frame in the same file) must not pay for the same load twice.
 */
export class LruCache<K, V> {
  private readonly _slots = new Map<K, Slot<V>>();
  private readonly _maxEntries: number;
  private readonly _maxWeight: number;
  private readonly _weigh: (value: V) => number;
  private _weight = 0;
  // The last key of `_slots`: consecutive frames of one file hit it without re-inserting.
  private _newest: K | typeof UNKNOWN = UNKNOWN;

  constructor(options: LruCacheOptions<V>) {
    this._maxEntries = Math.max(1, Math.floor(options.maxEntries));
    this._maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
    this._weigh = options.weigh ?? (() => 0);
  }

  /** Number of entries held. */
  get size(): number {
    return this._slots.size;
  }

  /** Total weight held. */
  get weight(): number {
    return this._weight;
  }

  /** The value under `key` (marking it most recently used), or `undefined` when absent. */
  get(key: K): V | undefined {
    const slot = this._slots.get(key);
    if (slot === undefined) return undefined;
    if (key !== this._newest) {
      this._slots.delete(key);
      this._slots.set(key, slot);
      this._newest = key;
    }
    return slot.value;
  }

  /** The value under `key` without touching its recency, or `undefined` when absent. */
  peek(key: K): V | undefined {
    return this._slots.get(key)?.value;
  }

  /** Whether `key` is held, without touching its recency. */
  has(key: K): boolean {
    return this._slots.has(key);
  }

  /** Stores `value` under `key` as the most recently used entry, evicting as needed. */
  set(key: K, value: V): void {
    this.delete(key);
    const weight = Math.max(0, this._weigh(value));
    this._slots.set(key, { value, weight });
    this._newest = key;
    this._weight += weight;
    for (const [oldest, slot] of this._slots) {
      if (oldest === key) break;
      if (this._slots.size <= this._maxEntries && this._weight <= this._maxWeight) break;
      this._slots.delete(oldest);
      this._weight -= slot.weight;
    }
  }

  /** Removes `key`; returns whether it was held. */
  delete(key: K): boolean {
    const slot = this._slots.get(key);
    if (slot === undefined) return false;
    this._slots.delete(key);
    this._weight -= slot.weight;
    if (key === this._newest) this._newest = UNKNOWN;
    return true;
  }

  /** Removes every entry. */
  clear(): void {
    this._slots.clear();
    this._weight = 0;
    this._newest = UNKNOWN;
  }
}
