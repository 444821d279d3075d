import { createRequire } from 'node:module';
import type * as SentryCore from '@sentry/core';

/** The `@sentry/core` module. */
export type SentryCoreModule = typeof SentryCore;

let loaded: SentryCoreModule | undefined;

/**
 * `@sentry/core`, loaded on first use: it is an optional peer dependency, so `otel-err/exporters`
 * must import without it. Only pure helpers are used (DSN, envelope, transport, rate limits, promise
 * buffer): no client, scope or hub, no global handler. Throws an `Error` naming the fix when absent.
 */
export function loadSentryCore(): SentryCoreModule {
  if (loaded !== undefined) return loaded;
  try {
    loaded = createRequire(import.meta.url)('@sentry/core') as SentryCoreModule;
  } catch (cause) {
    throw new Error(
      'SentryExporter needs the optional peer dependency @sentry/core (^11.12.0): npm install @sentry/core',
      { cause },
    );
  }
  return loaded;
}
