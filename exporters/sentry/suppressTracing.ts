import { context, createContextKey } from '@opentelemetry/api';

// The key `@opentelemetry/core` (not a dependency of ours) sets; `createContextKey` is `Symbol.for`,
// so this is the same key and instrumentations (http, undici) skip what runs under it.
const SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/** Runs `fn` with tracing suppressed, so that our own requests to Sentry are not traced (and exported again). */
export function withTracingSuppressed<T>(fn: () => T): T {
  return context.with(context.active().setValue(SUPPRESS_TRACING_KEY, true), fn);
}
