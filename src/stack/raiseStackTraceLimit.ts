/**
 * Sets `Error.stackTraceLimit` to at least `limit` and returns a function that restores the previous
 * value (unless someone changed it since). V8 applies the limit when an Error is constructed, so
 * raise it before errors are created (at set-up), not when they are captured.
 */
export function raiseStackTraceLimit(limit: number): () => void {
  const previous: unknown = Error.stackTraceLimit;
  if (!(limit >= 0) || (typeof previous === 'number' && previous >= limit)) return () => {};
  try {
    Error.stackTraceLimit = limit;
  } catch {
    // Frozen intrinsics: nothing was changed, nothing to restore.
    return () => {};
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (Error.stackTraceLimit === limit) Reflect.set(Error, 'stackTraceLimit', previous);
  };
}
