/** Bounds of a `CaptureStore`. */
export interface CaptureStoreOptions {
  /** Entries kept; the oldest is dropped beyond this. */
  maxEntries: number;
  /** An entry older than this is dropped. */
  ttlMs: number;
  /** Clock in milliseconds. Default `performance.now`. */
  now?: () => number;
}

interface Entry<T> {
  value: T | undefined;
  at: number;
}

interface PrimitiveEntry<T> extends Entry<T> {
  key: unknown;
}

/**
 * Captures keyed by the thrown value. Objects key a WeakMap, so an entry dies with its error;
 * a FIFO of the entries themselves (not of the keys: a WeakRef would pin every error until the
 * current job ends) bounds the data by count and age: an evicted entry drops its value and only
 * an empty husk waits for the error to be collected. Primitives (`throw 'x'`, `throw 42`) cannot
 * be told apart from equal values: they sit in a short list and `take` returns the newest capture
 * of an equal value (`Object.is`) within the age limit.
 */
export class CaptureStore<T> {
  private readonly _objects = new WeakMap<object, Entry<T>>();
  private _order: Entry<T>[] = [];
  private _head = 0;
  private _primitives: PrimitiveEntry<T>[] = [];
  private readonly _max: number;
  private readonly _ttl: number;
  private readonly _now: () => number;

  constructor(options: CaptureStoreOptions) {
    this._max = options.maxEntries;
    this._ttl = options.ttlMs;
    this._now = options.now ?? (() => performance.now());
  }

  /** Whether a live capture exists for this value (objects only: a rethrow keeps the first capture). */
  has(key: unknown): boolean {
    if (!isObject(key)) return false;
    const entry = this._objects.get(key);
    return entry?.value !== undefined && this._now() - entry.at <= this._ttl;
  }

  /** Stores a capture; an object that already has a live one keeps it. */
  put(key: unknown, value: T): void {
    const at = this._now();
    this._expire(at);
    if (isObject(key)) {
      if (this.has(key)) return;
      const entry = { value, at };
      this._objects.set(key, entry);
      this._order.push(entry);
      const evicted =
        this._order.length - this._head > this._max ? this._order[this._head++] : undefined;
      if (evicted !== undefined) evicted.value = undefined;
    } else {
      this._primitives.push({ key, value, at });
      if (this._primitives.length > this._max) this._primitives.shift();
    }
  }

  /** Returns and forgets the capture of this value, if it is still fresh. */
  take(key: unknown): T | undefined {
    const now = this._now();
    let entry: Entry<T> | undefined;
    if (isObject(key)) {
      entry = this._objects.get(key);
      this._objects.delete(key);
    } else {
      const index = this._primitives.findLastIndex(p => Object.is(p.key, key));
      if (index >= 0) entry = this._primitives.splice(index, 1)[0];
    }
    const value = entry !== undefined && now - entry.at <= this._ttl ? entry.value : undefined;
    if (entry !== undefined) entry.value = undefined;
    return value;
  }

  /** Number of captures held. */
  get size(): number {
    let held = this._primitives.length;
    for (let i = this._head; i < this._order.length; i++)
      if (this._order[i]?.value !== undefined) held++;
    return held;
  }

  /** Drops everything. */
  clear(): void {
    for (let i = this._head; i < this._order.length; i++) {
      const entry = this._order[i];
      if (entry !== undefined) entry.value = undefined;
    }
    this._order = [];
    this._head = 0;
    this._primitives = [];
  }

  private _expire(now: number): void {
    for (
      let entry = this._order[this._head];
      entry !== undefined && now - entry.at > this._ttl;
      entry = this._order[++this._head]
    ) {
      entry.value = undefined;
    }
    if (this._head > 1024 && this._head * 2 > this._order.length) {
      this._order = this._order.slice(this._head);
      this._head = 0;
    }
    if (this._primitives.length > 0)
      this._primitives = this._primitives.filter(p => now - p.at <= this._ttl);
  }
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}
