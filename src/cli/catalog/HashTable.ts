/**
 * An open-addressing map from a 64-bit key (two 32-bit halves) to a non-negative integer, in typed
 * arrays: 100,000 keys cost about 3 MB instead of the ~10 MB of a `Map` with string keys. Two
 * independent 32-bit hashes of the same bytes make a false match practically impossible
 * (about n²/2⁶⁵).
 */
export class HashTable {
  private _h1: Uint32Array;
  private _h2: Uint32Array;
  private _values: Int32Array;
  private _size = 0;

  /** Room for `expected` keys before the first growth. */
  constructor(expected = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, expected * 2)));
    this._h1 = new Uint32Array(capacity);
    this._h2 = new Uint32Array(capacity);
    this._values = new Int32Array(capacity).fill(-1);
  }

  /** The value of a key, or -1. */
  get(h1: number, h2: number): number {
    return this._values[this._slot(h1, h2)]!;
  }

  /** Sets the value of a key. */
  set(h1: number, h2: number, value: number): void {
    let slot = this._slot(h1, h2);
    if (this._values[slot] === -1) {
      if ((this._size + 1) * 2 > this._values.length) {
        this._grow();
        slot = this._slot(h1, h2);
      }
      this._size++;
      this._h1[slot] = h1;
      this._h2[slot] = h2;
    }
    this._values[slot] = value;
  }

  private _slot(h1: number, h2: number): number {
    const mask = this._values.length - 1;
    let slot = h1 & mask;
    while (this._values[slot] !== -1 && (this._h1[slot] !== h1 || this._h2[slot] !== h2)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private _grow(): void {
    const { _h1: h1, _h2: h2, _values: values } = this;
    this._h1 = new Uint32Array(values.length * 2);
    this._h2 = new Uint32Array(values.length * 2);
    this._values = new Int32Array(values.length * 2).fill(-1);
    for (let i = 0; i < values.length; i++) {
      if (values[i] !== -1) {
        const slot = this._slot(h1[i]!, h2[i]!);
        this._h1[slot] = h1[i]!;
        this._h2[slot] = h2[i]!;
        this._values[slot] = values[i]!;
      }
    }
  }
}

/**
 * An open-addressing set of row numbers whose 64-bit keys live in the caller's columns
 * (`key1[row]`, `key2[row]`): 4 bytes per slot instead of 12.
 */
export class ColumnKeyedTable {
  private _slots: Int32Array;
  private _size = 0;
  private readonly _key1: () => ArrayLike<number>;
  private readonly _key2: () => ArrayLike<number>;

  /** `key1`/`key2` return the key columns (they may be reallocated between calls). */
  constructor(expected: number, key1: () => ArrayLike<number>, key2: () => ArrayLike<number>) {
    this._slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(16, expected * 2)))).fill(-1);
    this._key1 = key1;
    this._key2 = key2;
  }

  /** The row whose key is (h1, h2), or -1. */
  get(h1: number, h2: number): number {
    return this._slots[this._slot(h1, h2)]!;
  }

  /** Adds a row (its key already in the columns), which must not be present yet. */
  add(row: number): void {
    if ((this._size + 1) * 2 > this._slots.length) this._grow();
    this._slots[this._slot(this._key1()[row]!, this._key2()[row]!)] = row;
    this._size++;
  }

  private _slot(h1: number, h2: number): number {
    const mask = this._slots.length - 1;
    const key1 = this._key1();
    const key2 = this._key2();
    let slot = h1 & mask;
    for (let row = this._slots[slot]!; row !== -1; row = this._slots[slot]!) {
      if (key1[row] === h1 && key2[row] === h2) break;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private _grow(): void {
    const old = this._slots;
    this._slots = new Int32Array(old.length * 2).fill(-1);
    for (const row of old) {
      if (row !== -1) this._slots[this._slot(this._key1()[row]!, this._key2()[row]!)] = row;
    }
  }
}

/** Starting values of `hashInto`. */
export function resetHash(out: Uint32Array): void {
  out[0] = 0x811c9dc5;
  out[1] = 0x9e3779b9;
}

/**
 * Continues two independent 32-bit hashes (FNV-1a and a multiplicative one) in `out[0]` and
 * `out[1]` over `buf[start, end)`, allocating nothing (it runs once per index line).
 */
export function hashInto(out: Uint32Array, buf: Uint8Array, start: number, end: number): void {
  let h1 = out[0]!;
  let h2 = out[1]!;
  for (let i = start; i < end; i++) {
    const byte = buf[i]!;
    h1 = Math.imul(h1 ^ byte, 0x01000193);
    h2 = Math.imul(h2 ^ byte, 0x5bd1e995) ^ (h2 >>> 15);
  }
  out[0] = h1;
  out[1] = h2;
}
