/** Bounds of a `memoizeString` memo. */
export interface MemoBounds {
  /** Results kept; when full, the oldest one is dropped. */
  maxEntries: number;
  /** Longer keys are computed every time, never kept, so hostile stack text cannot bloat the memo. */
  maxKeyLength: number;
}

/**
 * A memo of a pure function of one string, for per-frame work that repeats across frames and captures
 * (the same few files appear in every stack). A hit costs one `Map` lookup; memory stays within
 * `maxEntries` keys of at most `maxKeyLength` characters.
 */
export function memoizeString<T>(
  compute: (key: string) => T,
  bounds: MemoBounds,
): (key: string) => T {
  const results = new Map<string, T>();
  return key => {
    const hit = results.get(key);
    if (hit !== undefined || results.has(key)) return hit as T;
    const value = compute(key);
    if (key.length > bounds.maxKeyLength) return value;
    if (results.size >= bounds.maxEntries) {
      const oldest = results.keys().next();
      if (oldest.done !== true) results.delete(oldest.value);
    }
    results.set(key, value);
    return value;
  };
}
