/* eslint-disable @typescript-eslint/unbound-method -- built-ins are captured unbound on purpose and always applied with an explicit receiver */
import { types } from 'node:util';

/*
 * Readers that never run user code. Each one is either an internal-slot check (`util.types`), a
 * property-descriptor read (which returns getters without calling them), or a built-in method
 * captured at load time and applied with `Reflect.apply` (`call`), so a user's later patch of
 * `Map.prototype.entries` or an own `size` getter cannot intercept it. Callers must rule out
 * Proxies first (`types.isProxy`): on a Proxy even a descriptor read runs a trap.
 */

/** Applies a captured built-in to a receiver; `R` is what that built-in returns. */
function call<R>(fn: (this: unknown, ...args: never[]) => unknown, self: unknown): R {
  const result: unknown = Reflect.apply(fn, self, []);
  return result as R;
}
const getOwnDescriptor = Object.getOwnPropertyDescriptor;
const getPrototype = Object.getPrototypeOf;

function intrinsicGetter(target: object, key: PropertyKey): (this: unknown) => unknown {
  const get = getOwnDescriptor(target, key)?.get;
  if (get === undefined) throw new Error(`safeReflect: no getter ${String(key)}`);
  return get;
}

const mapSize = intrinsicGetter(Map.prototype, 'size');
const setSize = intrinsicGetter(Set.prototype, 'size');
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const mapIteratorNext = (getPrototype(new Map().entries()) as { next: (this: unknown) => unknown })
  .next;
const setIteratorNext = (getPrototype(new Set().values()) as { next: (this: unknown) => unknown })
  .next;
const typedArrayPrototype = getPrototype(Uint8Array.prototype) as object;
const typedArrayLength = intrinsicGetter(typedArrayPrototype, 'length');
const typedArrayTag = intrinsicGetter(typedArrayPrototype, Symbol.toStringTag);
const arrayBufferLength = intrinsicGetter(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferLength = intrinsicGetter(SharedArrayBuffer.prototype, 'byteLength');
const dataViewLength = intrinsicGetter(DataView.prototype, 'byteLength');
const dateGetTime = Date.prototype.getTime;
const dateToIso = Date.prototype.toISOString;
const regExpSource = intrinsicGetter(RegExp.prototype, 'source');
const regExpFlagGetters = (
  [
    ['d', 'hasIndices'],
    ['g', 'global'],
    ['i', 'ignoreCase'],
    ['m', 'multiline'],
    ['s', 'dotAll'],
    ['u', 'unicode'],
    ['v', 'unicodeSets'],
    ['y', 'sticky'],
  ] as const
).map(([flag, key]) => [flag, intrinsicGetter(RegExp.prototype, key)] as const);
const functionToString = Function.prototype.toString;
const symbolToString = Symbol.prototype.toString;
const boxedValueOf: readonly (readonly [(v: unknown) => boolean, (this: unknown) => unknown])[] = [
  [types.isStringObject, String.prototype.valueOf],
  [types.isNumberObject, Number.prototype.valueOf],
  [types.isBooleanObject, Boolean.prototype.valueOf],
  [types.isBigIntObject, BigInt.prototype.valueOf],
  [types.isSymbolObject, Symbol.prototype.valueOf],
];

/** A property's value if it is a plain data property; `undefined` for accessors, absent keys and Proxies. */
export function dataValue(target: object, key: PropertyKey): unknown {
  if (types.isProxy(target)) return undefined;
  const desc = getOwnDescriptor(target, key);
  return desc !== undefined && 'value' in desc ? desc.value : undefined;
}

/** The own data property `name` of a function, if it is a string. */
export function functionName(fn: object): string {
  const name = dataValue(fn, 'name');
  return typeof name === 'string' ? name : '';
}

/** Whether a function was declared with `class`. */
export function isClass(fn: (...args: never[]) => unknown): boolean {
  return call<string>(functionToString, fn).startsWith('class');
}

/** The constructor name found on the prototype chain (data properties only), `null` for a null prototype. */
export function constructorName(value: object): string | null {
  let proto: unknown = getPrototype(value);
  if (proto === null) return null;
  for (let level = 0; level < 8 && proto !== null && typeof proto === 'object'; level++) {
    if (types.isProxy(proto)) return 'Object';
    const ctor = dataValue(proto, 'constructor');
    if (typeof ctor === 'function') return functionName(ctor) || 'Object';
    proto = getPrototype(proto);
  }
  return 'Object';
}

/** The first data property `key` on the prototype chain (own first), or `undefined`. */
export function inheritedDataValue(value: object, key: string): unknown {
  let target: unknown = value;
  for (let level = 0; level < 8 && target !== null && typeof target === 'object'; level++) {
    if (types.isProxy(target)) return undefined;
    const found = dataValue(target, key);
    if (found !== undefined) return found;
    target = getPrototype(target);
  }
  return undefined;
}

/** Size and the first `limit` entries of a real Map. */
export function mapPreview(
  map: Map<unknown, unknown>,
  limit: number,
): [number, [unknown, unknown][]] {
  const iterator = call<Iterator<[unknown, unknown]>>(mapEntries, map);
  const entries: [unknown, unknown][] = [];
  for (let i = 0; i < limit; i++) {
    const step = call<IteratorResult<[unknown, unknown]>>(mapIteratorNext, iterator);
    if (step.done === true) break;
    entries.push(step.value);
  }
  return [call<number>(mapSize, map), entries];
}

/** Size and the first `limit` values of a real Set. */
export function setPreview(set: Set<unknown>, limit: number): [number, unknown[]] {
  const iterator = call<Iterator<unknown>>(setValues, set);
  const values: unknown[] = [];
  for (let i = 0; i < limit; i++) {
    const step = call<IteratorResult<unknown>>(setIteratorNext, iterator);
    if (step.done === true) break;
    values.push(step.value);
  }
  return [call<number>(setSize, set), values];
}

/** Type name (`Uint8Array`) and length of a typed array. */
export function typedArrayInfo(array: object): [string, number] {
  return [call<string>(typedArrayTag, array), call<number>(typedArrayLength, array)];
}

/** Byte length of an ArrayBuffer, SharedArrayBuffer or DataView. */
export function byteLength(buffer: object): number {
  if (types.isArrayBuffer(buffer)) return call<number>(arrayBufferLength, buffer);
  if (types.isSharedArrayBuffer(buffer)) return call<number>(sharedArrayBufferLength, buffer);
  return call<number>(dataViewLength, buffer);
}

/** ISO text of a Date, or `'Invalid Date'`. */
export function dateText(date: Date): string {
  const time = call<number>(dateGetTime, date);
  return Number.isNaN(time) ? 'Invalid Date' : call<string>(dateToIso, date);
}

/** `/source/flags` of a RegExp, read from its internal slots. */
export function regExpText(re: RegExp): string {
  const flags = regExpFlagGetters
    .map(([flag, get]) => (call<boolean>(get, re) ? flag : ''))
    .join('');
  return `/${call<string>(regExpSource, re)}/${flags}`;
}

/** `Symbol(description)`. */
export function symbolText(symbol: symbol): string {
  return call<string>(symbolToString, symbol);
}

/** The primitive inside a boxed primitive (`new String('x')`). */
export function unbox(boxed: object): unknown {
  for (const [is, valueOf] of boxedValueOf) if (is(boxed)) return call<unknown>(valueOf, boxed);
  return undefined;
}
