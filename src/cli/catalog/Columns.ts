type Column = Float64Array | Uint32Array | Uint8Array;

/**
 * Growable typed-array columns of equal length (a struct of arrays: tens of bytes per row instead
 * of an object per row). Pre-size generously: pages of a typed array that are never written are
 * never touched, so an over-estimate costs address space, not memory.
 */
export class Columns<Name extends string> {
  /** The columns by name; reassigned when they grow, so read them after the last `add`. */
  readonly arrays: Record<Name, Column>;
  private _length = 0;
  private _capacity: number;

  /** `spec` names each column's array type. */
  constructor(spec: Record<Name, 'f64' | 'u32' | 'u8'>, capacity = 1024) {
    this._capacity = Math.max(16, Math.ceil(capacity));
    const arrays = {} as Record<Name, Column>;
    for (const name of Object.keys(spec) as Name[])
      arrays[name] = create(spec[name], this._capacity);
    this.arrays = arrays;
  }

  /** Rows in use. */
  get length(): number {
    return this._length;
  }

  /** Adds a row (zeroed) and returns its index. */
  add(): number {
    if (this._length === this._capacity) {
      this._capacity *= 2;
      for (const name of Object.keys(this.arrays) as Name[]) {
        const old = this.arrays[name];
        const grown = new (old.constructor as new (length: number) => Column)(this._capacity);
        grown.set(old);
        this.arrays[name] = grown;
      }
    }
    return this._length++;
  }
}

function create(type: 'f64' | 'u32' | 'u8', capacity: number): Column {
  if (type === 'f64') return new Float64Array(capacity);
  return type === 'u32' ? new Uint32Array(capacity) : new Uint8Array(capacity);
}
