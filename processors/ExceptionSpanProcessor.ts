/**
 * Enriches exceptions recorded on spans, in place, before the exporting processors see them.
 *
 *   span.recordException(err)              (user code, or an instrumentation such as http)
 *        │  hooked (recordExceptionHook.ts): we get the Error object itself, not only its strings
 *        ▼
 *   capture (ExceptionEnricher) ──► ErrorInfo ──► onErrorInfo listeners (middleware, files, Sentry)
 *        │  frames, cause chain,      + trace/span id   once per (error, trace)
 *        │  fingerprint, locals
 *        ├─► SDK recordException ─► `exception` event ─► attributes rewritten in place
 *        │    (span events: default,   (type, code.*, otel_err.* within the SDK limits)
 *        │     or `logs/dup`)                 │
 *        │                                    ▼
 *        │                  onEnding: events the 128-event limit pushed out are counted on the span
 *        │                                    ▼
 *        │                  onEnd of later processors ─► exporter (OTLP, files, …)
 *        └─► `exception` log record (`logs`, `logs/dup`) ─► ExceptionLogRecordProcessor ─► log exporter
 *
 * Spans without exceptions pay two loads and compares in onStart and a counter test in onEnding.
 * Nothing keeps a span or an error: per-span state is weakly keyed and dropped when the span ends.
 */
import {
  context,
  diag,
  type Context,
  isSpanContextValid,
  logs,
  SeverityNumber,
  trace,
  type Exception,
  type Logger,
  type LoggerProvider,
  type TimeInput,
} from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor, TimedEvent } from '@opentelemetry/sdk-trace';
import type { TraceContext } from '../src/errorinfo/ErrorInfo.ts';
import { applyToEvent } from './applyAttributes.ts';
import { emitExceptionLog } from './emitExceptionLog.ts';
import { rememberEventErrorInfo } from './eventErrorInfo.ts';
import { ExceptionEventTracker } from './ExceptionEventTracker.ts';
import {
  ExceptionEnricher,
  type EnrichedException,
  type ExceptionEnricherOptions,
} from './ExceptionEnricher.ts';
import { exceptionSignalFromEnv, signalTargets, type ExceptionSignal } from './exceptionSignal.ts';
import { resourceJson } from './resourceJson.ts';
import {
  hasRecordExceptionHook,
  recordExceptionHook,
  setRecordHandler,
  type RecordException,
} from './recordExceptionHook.ts';
import { spanLimitsOf, spanOwnerOf } from './sdkInternals.ts';
import { EXCEPTION_EVENT } from './semconv.ts';

/** Options of `ExceptionSpanProcessor`; every field is optional. */
export interface ExceptionSpanProcessorOptions extends ExceptionEnricherOptions {
  /** A capture shared with an `ExceptionLogRecordProcessor`; when given, the capture options are ignored. */
  enricher?: ExceptionEnricher;
  /** Where exceptions go. The default is `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN`, else `'spans'`. */
  exceptionSignal?: ExceptionSignal;
  /** Provider of exception log records (`'logs'`, `'logs/dup'`). The default is the global one. */
  loggerProvider?: LoggerProvider;
}

/** A `SpanProcessor` that turns recorded exceptions into enriched events and ErrorInfos; put it first. */
export class ExceptionSpanProcessor implements SpanProcessor {
  /** The capture, to share with an `ExceptionLogRecordProcessor` or to add ErrorInfo listeners. */
  readonly enricher: ExceptionEnricher;
  private readonly _spanEvents: boolean;
  private readonly _logRecords: boolean;
  private readonly _loggerProvider: LoggerProvider;
  private _logger: Logger | undefined;
  private _owner: object | undefined;
  private _hook: RecordException | undefined;
  private readonly _events = new ExceptionEventTracker();

  /** A processor with the given options (see `ENRICHER_DEFAULTS` for the capture's). */
  constructor(options: ExceptionSpanProcessorOptions = {}) {
    this.enricher = options.enricher ?? new ExceptionEnricher(options);
    const targets = signalTargets(options.exceptionSignal ?? exceptionSignalFromEnv());
    this._spanEvents = targets.spanEvents;
    this._logRecords = targets.logRecords;
    this._loggerProvider = options.loggerProvider ?? logs;
  }

  /** How many enriched exception events the SDK's event count limit pushed out of their spans. */
  get droppedExceptionEvents(): number {
    return this._events.dropped;
  }

  /** Makes sure the span's `recordException` reaches us: a constant-time check for nearly every span. */
  onStart(span: Span, _parentContext?: Context): void {
    try {
      if (span.recordException === this._hook && spanOwnerOf(span) === this._owner) return;
      this._attach(span);
    } catch (failure) {
      diag.warn('ExceptionSpanProcessor: could not hook recordException', failure);
    }
  }

  /** Counts, on the still writable span, the enriched exception events that were pushed out. */
  onEnding(span: Span): void {
    try {
      this._events.spanEnding(span);
    } catch (failure) {
      diag.warn('ExceptionSpanProcessor: could not check dropped exception events', failure);
    }
  }

  /** Nothing to do: enrichment happened before. */
  onEnd(_span: ReadableSpan): void {}

  /** Nothing is buffered here. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to release. */
  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private _attach(span: Span): void {
    const owner = spanOwnerOf(span);
    const prototype = Object.getPrototypeOf(span) as object | null;
    const hookedBefore = hasRecordExceptionHook(prototype);
    const hook = owner === undefined ? null : recordExceptionHook(prototype);
    if (owner !== undefined && hook !== null) {
      setRecordHandler(owner, this._record);
      this._owner = owner;
      this._hook = hook;
      // An earlier processor's own wrapper reaches the hook, unless it grabbed the SDK method first.
      if (span.recordException === hook || hookedBefore) return;
    }
    // Not an SDK span (or that first case): wrap this span alone.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, then called with the span as `this`
    const current = span.recordException;
    if (typeof current !== 'function') return;
    const record = this._record;
    span.recordException = function recordException(
      this: Span,
      exception: Exception,
      time?: TimeInput,
    ): void {
      record(this, current, exception, time);
    };
  }

  private readonly _record = (
    span: Span,
    original: RecordException,
    exception: Exception,
    time: TimeInput | undefined,
  ): void => {
    const enriched = this._capture(span, exception);
    if (this._spanEvents) this._recordEvent(span, original, exception, time, enriched);
    if (this._logRecords) this._emitLog(span, exception, time, enriched);
  };

  private _capture(span: Span, exception: unknown): EnrichedException | null {
    try {
      return this.enricher.capture(exception, traceOf(span), () => resourceJson(span.resource));
    } catch (failure) {
      diag.warn('ExceptionSpanProcessor: capture failed', failure);
      return null;
    }
  }

  private _recordEvent(
    span: Span,
    original: RecordException,
    exception: Exception,
    time: TimeInput | undefined,
    enriched: EnrichedException | null,
  ): void {
    const before = lastEvent(span);
    try {
      original.call(span, exception, time);
    } catch (failure) {
      // The SDK's method throws on some values (a Symbol): our own event below stands in for its.
      diag.debug('ExceptionSpanProcessor: the SDK could not record the exception', failure);
    }
    if (enriched === null) return;
    try {
      const limits = spanLimitsOf(span);
      const attributes = this.enricher.attributes(enriched, limits);
      let event = lastEvent(span);
      if (event === before || event?.name !== EXCEPTION_EVENT) {
        // The SDK records no event for a value without type or message (`throw 42`): we do.
        if (!span.isRecording()) return;
        span.addEvent(EXCEPTION_EVENT, attributes, time);
        event = lastEvent(span);
        if (event === before || event === undefined) return;
      } else {
        applyToEvent(event, attributes, limits.attributeCount);
      }
      this._events.track(span, event, enriched.info.fingerprint);
      rememberEventErrorInfo(event, enriched.info);
    } catch (failure) {
      diag.warn('ExceptionSpanProcessor: could not enrich the exception event', failure);
    }
  }

  private _emitLog(
    span: Span,
    exception: Exception,
    time: TimeInput | undefined,
    enriched: EnrichedException | null,
  ): void {
    try {
      this._logger ??= this._loggerProvider.getLogger('otel-err');
      emitExceptionLog(this._logger, this.enricher, exception, {
        context: trace.setSpan(context.active(), span),
        severityNumber: SeverityNumber.ERROR,
        timestamp: time,
        enriched,
      });
    } catch (failure) {
      diag.warn('ExceptionSpanProcessor: could not emit the exception log record', failure);
    }
  }
}

function lastEvent(span: Span): TimedEvent | undefined {
  try {
    const events = span.events;
    return Array.isArray(events) ? events[events.length - 1] : undefined;
  } catch {
    return undefined; // not an SDK span: nothing to enrich in place
  }
}

function traceOf(span: Span): TraceContext | null {
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return null;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
