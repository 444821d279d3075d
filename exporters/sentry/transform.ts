import { randomUUID } from 'node:crypto';
import type { Contexts, Event, SdkInfo } from '@sentry/core';
import type { ErrorInfo, JsonValue } from '../../src/errorinfo/ErrorInfo.ts';
import { createRedactor, type Redactor } from '../../src/locals/redact.ts';
import { DELIVERED_KEY } from '../../src/store/delivery.ts';
import { fitEvent } from './fitEvent.ts';
import { redactRecord } from './redactJson.ts';
import { sdkInfo } from './sdkInfo.ts';
import { toSentryExceptions } from './sentryExceptions.ts';

/** How an ErrorInfo becomes a Sentry event; every field is optional (defaults in `SENTRY_EVENT_DEFAULTS`). */
export interface SentryEventOptions {
  /** `environment`. Default: the resource's `deployment.environment.name` (or the older `deployment.environment`), else `'production'` as Sentry assumes. */
  environment?: string;
  /** `release`. Default `<service name>@<service version>` (just the name without a version). */
  release?: string;
  /** `server_name`: a string, or `false` to leave it out. Default: the reporting host's name. */
  serverName?: string | false;
  /** Tags added to every event (Sentry caps keys at 32 and values at 200 characters). Default: none. */
  tags?: Readonly<Record<string, string>>;
  /** Masks `vars`, `extra` and resource values again before they leave the process. Default: `createRedactor(true)`. */
  redactor?: Redactor;
  /** `mechanism.type` of the thrown exception. Default `'otel_err'`. */
  mechanism?: string;
  /** Whether the application handled the exception (`false` also makes the level `fatal`). Default: unknown, left out. */
  handled?: boolean;
  /** `transaction`: what was running, such as the span's name. Default: none. */
  transaction?: string;
  /** `contexts.trace.parent_span_id`. Default: none. */
  parentSpanId?: string;
  /** `event_id` (32 lowercase hex digits). Default: a random UUID v4. */
  eventId?: string;
  /** `sdk`. Default: `otel_err.javascript.node` with this package's version. */
  sdk?: SdkInfo;
  /** Largest event JSON in bytes; bigger events are trimmed by `fitEvent`. Default 1,000,000 (Sentry's limit is 1 MiB). */
  maxEventBytes?: number;
}

/** Defaults of `SentryEventOptions` that are constants. */
export const SENTRY_EVENT_DEFAULTS = {
  environment: 'production',
  mechanism: 'otel_err',
  maxEventBytes: 1_000_000,
} as const;

const TAG_KEY_LENGTH = 32;
const TAG_VALUE_LENGTH = 200;
const OS_NAMES: Readonly<Record<string, string>> = {
  linux: 'Linux',
  darwin: 'macOS',
  win32: 'Windows',
};
const defaultRedactor = createRedactor(true);

function resourceString(info: ErrorInfo, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = Object.hasOwn(info.resource, key) ? info.resource[key] : undefined;
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function defaultRelease(info: ErrorInfo): string | undefined {
  if (info.version === '') return info.name === '' ? undefined : info.name;
  return info.name === '' ? info.version : `${info.name}@${info.version}`;
}

function tagsOf(info: ErrorInfo, extra: Readonly<Record<string, string>>): Record<string, string> {
  const tags: Record<string, string> = {};
  if (info.fingerprint !== null) tags['otel_err.fingerprint'] = info.fingerprint;
  if (info.name !== '') tags['service.name'] = info.name;
  for (const [key, value] of Object.entries(extra)) {
    tags[key.slice(0, TAG_KEY_LENGTH)] = value.slice(0, TAG_VALUE_LENGTH);
  }
  return tags;
}

function contextsOf(info: ErrorInfo, options: SentryEventOptions, redactor: Redactor): Contexts {
  const contexts: Contexts = {};
  if (info.trace !== null) {
    contexts.trace = { trace_id: info.trace.traceId, span_id: info.trace.spanId };
    if (options.parentSpanId !== undefined) contexts.trace.parent_span_id = options.parentSpanId;
  }
  if (info.runtime !== null) {
    contexts.runtime = { name: 'node', version: info.runtime.node };
    contexts.os = { name: OS_NAMES[info.runtime.platform] ?? info.runtime.platform };
    contexts.device = { arch: info.runtime.arch };
  }
  if (Object.keys(info.resource).length > 0) {
    contexts.otel = { resource: redactRecord(info.resource, redactor) };
  }
  return contexts;
}

function extraOf(info: ErrorInfo, redactor: Redactor): Record<string, JsonValue> {
  const { [DELIVERED_KEY]: _delivery, ...own } = info.extra;
  const extra: Record<string, JsonValue> = {
    ...redactRecord(own, redactor),
    'otel_err.count': info.count,
    'otel_err.first_seen': info.firstSeen.toISOString(),
    'otel_err.last_seen': info.lastSeen.toISOString(),
  };
  if (info.runtime !== null) extra['process.pid'] = info.runtime.pid;
  return extra;
}

/**
 * The Sentry error event of a report. Pure apart from the random `event_id`: no network, no global
 * state. Sentry groups by our fingerprint (`fingerprint: [info.fingerprint]`) and links the event to
 * the trace through `contexts.trace`.
 */
export function toSentryEvent(info: ErrorInfo, options: SentryEventOptions = {}): Event {
  const redactor = options.redactor ?? defaultRedactor;
  const event: Event = {
    event_id: options.eventId ?? randomUUID().replaceAll('-', ''),
    timestamp: info.timestamp.getTime() / 1000,
    platform: 'node',
    level: options.handled === false ? 'fatal' : 'error',
    environment:
      options.environment ??
      resourceString(info, 'deployment.environment.name', 'deployment.environment') ??
      SENTRY_EVENT_DEFAULTS.environment,
    exception: {
      values: toSentryExceptions(
        info,
        { type: options.mechanism ?? SENTRY_EVENT_DEFAULTS.mechanism, handled: options.handled },
        redactor,
      ),
    },
    contexts: contextsOf(info, options, redactor),
    tags: tagsOf(info, options.tags ?? {}),
    extra: extraOf(info, redactor),
    sdk: options.sdk ?? sdkInfo(),
  };
  const release = options.release ?? defaultRelease(info);
  if (release !== undefined) event.release = release;
  const serverName = options.serverName ?? info.runtime?.hostname;
  if (serverName !== undefined && serverName !== false) event.server_name = serverName;
  if (info.fingerprint !== null) event.fingerprint = [info.fingerprint];
  if (options.transaction !== undefined) event.transaction = options.transaction;
  return fitEvent(event, options.maxEventBytes ?? SENTRY_EVENT_DEFAULTS.maxEventBytes);
}
