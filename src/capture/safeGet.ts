/**
 * Guarded reflective access: the one way capture code touches a thrown value. Getters and Proxy
 * traps are user code that may throw, loop over side effects or be revoked; nothing escapes here.
 */

/** What `safeGet` returns when reading the property threw (a getter, a Proxy trap, a revoked Proxy). */
export const UNREADABLE: unique symbol = Symbol('otel-err.unreadable');

/** A guarded property reader bound to one value. */
export type PropertyReader = (key: PropertyKey) => unknown;

/** Whether `value` can carry properties of its own (primitives are never read: their prototypes are shared, patchable globals). */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** Reads `target[key]`; `undefined` for primitives, `UNREADABLE` when the read threw. */
export function safeGet(target: unknown, key: PropertyKey): unknown {
  if (!isObjectLike(target)) return undefined;
  try {
    return (target as Record<PropertyKey, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

/** Whether `key in target` (own or inherited, getters not run); `false` for primitives and when a `has` trap threw. */
export function safeHas(target: unknown, key: PropertyKey): boolean {
  if (!isObjectLike(target)) return false;
  try {
    return key in target;
  } catch {
    return false;
  }
}

/** A `safeGet` over one target that remembers each key's result, so every getter or trap runs at most once. */
export function readOnce(target: unknown): PropertyReader {
  const seen = new Map<PropertyKey, unknown>();
  return key => {
    if (seen.has(key)) return seen.get(key);
    const value = safeGet(target, key);
    seen.set(key, value);
    return value;
  };
}
