/**
 * Hands `recordException` calls to the right processor without touching each span. Wrapping the
 * method per span in `onStart` (an own property on every span) cost ~2 % of a bare span (B1); instead
 * the span class's prototype gets one hook, which looks up the handler registered for the span's
 * provider (keyed by the provider's span processor, see `spanOwnerOf`) and otherwise calls the SDK
 * method unchanged. Spans whose provider has no handler pay one WeakMap miss per recorded exception.
 */
import type { Exception, TimeInput } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/sdk-trace';
import { spanOwnerOf } from './sdkInternals.ts';

/** The SDK's method, as found before hooking. */
export type RecordException = Span['recordException'];

/** What a processor does with one call: `original` is the SDK method to call for the event. */
export type RecordHandler = (
  span: Span,
  original: RecordException,
  exception: Exception,
  time: TimeInput | undefined,
) => void;

const handlers = new WeakMap<object, RecordHandler>();
const hooks = new WeakMap<object, RecordException>();

/** Routes `recordException` of spans whose owner is `owner` to `handler` (the last registration wins). */
export function setRecordHandler(owner: object, handler: RecordHandler): void {
  handlers.set(owner, handler);
}

/** Whether `prototype` already carries the hook. */
export function hasRecordExceptionHook(prototype: object | null): boolean {
  return prototype !== null && hooks.has(prototype);
}

/**
 * The hook installed on `prototype` (installing it on first use), or `null` when the prototype has no
 * `recordException` function or cannot be changed.
 */
export function recordExceptionHook(prototype: object | null): RecordException | null {
  if (prototype === null) return null;
  const installed = hooks.get(prototype);
  if (installed !== undefined) return installed;
  const original = (prototype as { recordException?: unknown }).recordException;
  if (typeof original !== 'function') return null;
  const sdkMethod = original as RecordException;
  const hook = function recordException(this: Span, exception: Exception, time?: TimeInput): void {
    const owner = spanOwnerOf(this);
    const handler = owner === undefined ? undefined : handlers.get(owner);
    if (handler === undefined) sdkMethod.call(this, exception, time);
    else handler(this, sdkMethod, exception, time);
  };
  try {
    Object.defineProperty(prototype, 'recordException', {
      value: hook,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  } catch {
    return null;
  }
  hooks.set(prototype, hook);
  return hook;
}
