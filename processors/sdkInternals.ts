/**
 * The one place that reads SDK internals, duck-typed and defensive, because the public API has no way
 * to learn a span's or log record's limits and `LogRecordImpl` drops the `exception` object it was
 * given, and a span does not say which provider made it. Checked against @opentelemetry/sdk-trace 3.1
 * (`SpanImpl._spanLimits`, `SpanImpl._spanProcessor`) and
 * @opentelemetry/sdk-logs 3.1 (`LogRecordImpl._logRecordLimits`, `_setException`); the tests fail
 * if either moves. When a read fails the SDK defaults apply (which is also what the SDK does).
 */

/** The limits that decide how an exception event or record may be enriched. */
export interface RecordLimits {
  /** `attributeValueLengthLimit`; `Infinity` when unlimited (or invalid, as the SDK treats it). */
  valueLength: number;
  /** Attributes per event (`attributePerEventCountLimit`) or per log record (`attributeCountLimit`). */
  attributeCount: number;
}

const SDK_DEFAULTS: RecordLimits = { valueLength: Infinity, attributeCount: 128 };

/** Marks "no exception object was stashed for this record". */
export const NO_EXCEPTION: unique symbol = Symbol('otel-err.no-exception');

/**
 * What identifies a span's provider: its span processor (one `MultiSpanProcessor` per provider, shared
 * by all its spans), or `undefined` when the span is not an SDK span.
 */
export function spanOwnerOf(span: unknown): object | undefined {
  const owner = read(span, '_spanProcessor');
  return typeof owner === 'object' && owner !== null ? owner : undefined;
}

/** The event limits of an SDK span. */
export function spanLimitsOf(span: object): RecordLimits {
  const limits = read(span, '_spanLimits');
  return {
    valueLength: lengthLimit(read(limits, 'attributeValueLengthLimit')),
    attributeCount: countLimit(read(limits, 'attributePerEventCountLimit')),
  };
}

/** The attribute limits of an SDK log record. */
export function logRecordLimitsOf(record: object): RecordLimits {
  const limits = read(record, '_logRecordLimits');
  return {
    valueLength: lengthLimit(read(limits, 'attributeValueLengthLimit')),
    attributeCount: countLimit(read(limits, 'attributeCountLimit')),
  };
}

const stashed = new WeakMap<object, unknown>();
const patchedPrototypes = new WeakSet<object>();

/**
 * The `exception` a log record was emitted with, taken once (the stash is emptied). The first record
 * of each LogRecordImpl class patches its prototype's `_setException` (run by the constructor) to stash
 * the object, so that record itself yields `NO_EXCEPTION` and later ones yield their exception. Stashed
 * values are weakly keyed by the record: nothing outlives the record.
 */
export function takeLogRecordException(record: object): unknown {
  if (stashed.has(record)) {
    const exception = stashed.get(record);
    stashed.delete(record);
    return exception;
  }
  patchSetException(Object.getPrototypeOf(record) as object | null);
  return NO_EXCEPTION;
}

function patchSetException(prototype: object | null): void {
  if (prototype === null || patchedPrototypes.has(prototype)) return;
  patchedPrototypes.add(prototype);
  const original = read(prototype, '_setException');
  if (typeof original !== 'function') return;
  const patched = function (this: object, exception: unknown, ...rest: unknown[]): unknown {
    stashed.set(this, exception);
    return (original as (...args: unknown[]) => unknown).call(this, exception, ...rest);
  };
  try {
    Object.defineProperty(prototype, '_setException', {
      value: patched,
      writable: true,
      configurable: true,
    });
  } catch {
    // A frozen prototype: records keep their text-only fallback.
  }
}

function read(target: unknown, key: string): unknown {
  if (typeof target !== 'object' || target === null) return undefined;
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function lengthLimit(value: unknown): number {
  return typeof value === 'number' && value > 0 ? value : SDK_DEFAULTS.valueLength;
}

function countLimit(value: unknown): number {
  return typeof value === 'number' && value >= 0 ? value : SDK_DEFAULTS.attributeCount;
}
