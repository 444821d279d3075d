import { diag, isSpanContextValid } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter, TimedEvent } from '@opentelemetry/sdk-trace';
import type { DsnComponents, Envelope, Transport } from '@sentry/core';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { createRedactor, type RedactOptions } from '../../src/locals/redact.ts';
import { errorInfoOfEvent } from '../errorInfoOfEvent.ts';
import { DeliveryLog } from './DeliveryLog.ts';
import { deliverEnvelope, type Outcome } from './deliverEnvelope.ts';
import { createHttpTransport, type HttpTransportFactory } from './httpTransport.ts';
import { loadSentryCore, type SentryCoreModule } from './loadSentryCore.ts';
import { parseDsnOption } from './parseDsnOption.ts';
import { sdkInfo } from './sdkInfo.ts';
import { toSentryEvent, type SentryEventOptions } from './transform.ts';

type ExportCallback = Parameters<SpanExporter['export']>[1];

/** Options of `SentryExporter`; only the DSN is needed (defaults in `SENTRY_EXPORTER_DEFAULTS`). */
export interface SentryExporterOptions extends Pick<
  SentryEventOptions,
  'serverName' | 'tags' | 'maxEventBytes'
> {
  /** The project's DSN. Default: `$SENTRY_DSN`; neither set, or not a DSN, throws a `TypeError`. */
  dsn?: string;
  /** Sentry environment. Default: `$SENTRY_ENVIRONMENT`, else as `SentryEventOptions.environment`. */
  environment?: string;
  /** Sentry release. Default: `$SENTRY_RELEASE`, else `<service name>@<service version>`. */
  release?: string;
  /** Masking of `vars`, `extra` and resource values (again after capture). Default `true` (the built-in patterns). */
  redact?: boolean | RedactOptions;
  /** Deadline of one request, and of `forceFlush`/`shutdown`, in ms. Default 5000. */
  timeoutMs?: number;
  /** Requests in flight at most; events beyond are dropped and counted. Default 64 (Sentry's). */
  bufferSize?: number;
  /** Makes the transport. Default `createHttpTransport` (`@sentry/core`'s `createTransport` over `node:http`). */
  transport?: HttpTransportFactory;
  /** Reads the ErrorInfo of an exception span event. Default `errorInfoOfEvent`. */
  errorInfoOf?: (span: ReadableSpan, event: TimedEvent) => ErrorInfo | null;
}

/** Per-report facts the ErrorInfo does not carry. */
export type SentryEventHint = Pick<SentryEventOptions, 'handled' | 'transaction' | 'parentSpanId'>;

/** Defaults of `SentryExporterOptions`. */
export const SENTRY_EXPORTER_DEFAULTS = { timeoutMs: 5000, bufferSize: 64, redact: true } as const;

// `ExportResultCode` of `@opentelemetry/core`, not a dependency of ours.
const SUCCESS = 0;
const FAILED = 1;

function positive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined || (Number.isFinite(value) && value > 0)) return value ?? fallback;
  diag.warn(
    `SentryExporter: option \`${name}: ${value}\` must be a positive number; using ${fallback}`,
  );
  return fallback;
}

/**
 * Sends exceptions to Sentry as error events, in process, through `@sentry/core` (Sentry drops span
 * events that arrive over OTLP). A `SpanExporter` for any span processor, and `exportErrorInfo` for
 * reports outside spans. No Sentry client, hub or global handler; never throws into the app.
 */
export class SentryExporter implements SpanExporter {
  private readonly _core: SentryCoreModule;
  private readonly _dsn: DsnComponents;
  private readonly _transport: Transport;
  private readonly _events: SentryEventOptions;
  private readonly _timeoutMs: number;
  private readonly _errorInfoOf: NonNullable<SentryExporterOptions['errorInfoOf']>;
  private readonly _log = new DeliveryLog();
  // The processor gives one report to an error recorded on several spans (and to `err` middleware).
  private readonly _sent = new WeakMap<ErrorInfo, Promise<Outcome>>();
  private _shutdown: Promise<void> | null = null;

  /** An exporter for `options.dsn`; throws a `TypeError` for a missing or invalid DSN. */
  constructor(options: SentryExporterOptions = {}) {
    this._core = loadSentryCore();
    this._dsn = parseDsnOption(this._core, options.dsn ?? process.env.SENTRY_DSN);
    this._timeoutMs = positive(options.timeoutMs, 'timeoutMs', SENTRY_EXPORTER_DEFAULTS.timeoutMs);
    const bufferSize = positive(
      options.bufferSize,
      'bufferSize',
      SENTRY_EXPORTER_DEFAULTS.bufferSize,
    );
    this._errorInfoOf = options.errorInfoOf ?? errorInfoOfEvent;
    this._events = {
      environment: options.environment ?? process.env.SENTRY_ENVIRONMENT,
      release: options.release ?? process.env.SENTRY_RELEASE,
      serverName: options.serverName,
      tags: options.tags,
      maxEventBytes: options.maxEventBytes,
      redactor: createRedactor(options.redact ?? SENTRY_EXPORTER_DEFAULTS.redact),
    };
    this._transport = (options.transport ?? createHttpTransport)({
      url: this._core.getEnvelopeEndpointWithUrlEncodedAuth(this._dsn, undefined, sdkInfo()),
      bufferSize: Math.ceil(bufferSize),
      timeoutMs: this._timeoutMs,
      recordDroppedEvent: (reason, category, count = 1) => {
        // Failed requests are counted where their error is known (`deliverEnvelope`).
        if (reason === 'ratelimit_backoff' || reason === 'queue_overflow') {
          this._log.drop(reason, `${category} event dropped before sending`, count);
        }
      },
    });
  }

  /**
   * Sends one Sentry event per exception event of the spans. Succeeds only when Sentry accepted every
   * one: an event dropped for a rate limit or a full buffer is a failure too, so that an outbox
   * (`OutboxExporter`) does not mark it delivered.
   */
  export(spans: ReadableSpan[], resultCallback: ExportCallback): void {
    const answer = (failed: boolean, message: string) => {
      try {
        resultCallback(failed ? { code: FAILED, error: new Error(message) } : { code: SUCCESS });
      } catch (error) {
        diag.error('SentryExporter: the export callback threw', error);
      }
    };
    if (this._shutdown !== null) return answer(true, 'SentryExporter: export after shutdown');
    const outcomes: Promise<Outcome>[] = [];
    for (const span of spans) {
      for (const event of eventsOf(span)) {
        const info = this._safeErrorInfo(span, event);
        if (info !== null) outcomes.push(this._send(info, hintOf(span)));
      }
    }
    void Promise.all(outcomes).then(results => {
      const lost = results.filter(outcome => outcome !== 'sent').length;
      answer(lost > 0, `SentryExporter: ${lost} of ${results.length} events not delivered`);
    });
  }

  /** Queues one report for Sentry (the ErrorInfo path: `err` middleware, fail-fast); returns at once. */
  exportErrorInfo(info: ErrorInfo, hint: SentryEventHint = {}): void {
    void this.sendErrorInfo(info, hint);
  }

  /** Sends one report; resolves `true` once Sentry accepted it, `false` otherwise (never rejects). */
  async sendErrorInfo(info: ErrorInfo, hint: SentryEventHint = {}): Promise<boolean> {
    if (this._shutdown !== null) return false;
    return (await this._send(info, hint)) === 'sent';
  }

  /** Waits for requests in flight, at most `timeoutMs`; `true` when all finished (Sentry's `flush`). */
  async flush(timeoutMs = this._timeoutMs): Promise<boolean> {
    try {
      return await this._transport.flush(timeoutMs);
    } catch {
      return false;
    }
  }

  /** Waits for requests in flight, at most the exporter's `timeoutMs`. */
  async forceFlush(): Promise<void> {
    await this.flush();
  }

  /** Flushes (bounded by `timeoutMs`), then refuses later exports. Idempotent. */
  shutdown(): Promise<void> {
    this._shutdown ??= this.flush().then(() => this._log.summarise());
    return this._shutdown;
  }

  /** Events that did not reach Sentry, by reason (see `DeliveryLog`). */
  get droppedEvents(): Record<string, number> {
    return this._log.counts();
  }

  private _safeErrorInfo(span: ReadableSpan, event: TimedEvent): ErrorInfo | null {
    try {
      const info = this._errorInfoOf(span, event);
      if (info === null || info.trace !== null) return info;
      const context = span.spanContext();
      const trace = { traceId: context.traceId, spanId: context.spanId };
      return isSpanContextValid(context) ? { ...info, trace } : info;
    } catch (failure) {
      this._log.drop('build_error', `could not read an exception event: ${String(failure)}`);
      return null;
    }
  }

  private _send(info: ErrorInfo, hint: SentryEventHint): Promise<Outcome> {
    const previous = this._sent.get(info);
    if (previous !== undefined) return previous;
    let envelope: Envelope;
    try {
      const event = toSentryEvent(info, { ...this._events, ...hint });
      const { name, version } = sdkInfo();
      envelope = this._core.createEventEnvelope(event, this._dsn, { sdk: { name, version } });
    } catch (failure) {
      this._log.drop('build_error', `could not build an event: ${String(failure)}`);
      return Promise.resolve('failed');
    }
    const outcome = deliverEnvelope(this._transport, envelope, this._timeoutMs, this._log);
    this._sent.set(info, outcome);
    // Only a delivered report is deduplicated: a later attempt may succeed where this one did not.
    void outcome.then(result => result === 'sent' || this._sent.delete(info));
    return outcome;
  }
}

function eventsOf(span: ReadableSpan): readonly TimedEvent[] {
  return Array.isArray(span.events) ? span.events : []; // not an SDK span: nothing to read
}

function hintOf(span: ReadableSpan): SentryEventHint {
  const parent = span.parentSpanContext;
  return parent === undefined || !isSpanContextValid(parent)
    ? { transaction: span.name }
    : { transaction: span.name, parentSpanId: parent.spanId };
}
