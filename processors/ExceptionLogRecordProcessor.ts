import { diag, isSpanContextValid, type Context, type SpanContext } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { TraceContext } from '../src/errorinfo/ErrorInfo.ts';
import { applyToLogRecord } from './applyAttributes.ts';
import { ExceptionEnricher, type ExceptionEnricherOptions } from './ExceptionEnricher.ts';
import { resourceJson } from './resourceJson.ts';
import { logRecordLimitsOf, NO_EXCEPTION, takeLogRecordException } from './sdkInternals.ts';
import { EXCEPTION_MESSAGE, EXCEPTION_STACKTRACE, EXCEPTION_TYPE } from './semconv.ts';

/** Options of `ExceptionLogRecordProcessor`; every field is optional. */
export interface ExceptionLogRecordProcessorOptions extends ExceptionEnricherOptions {
  /** The capture of an `ExceptionSpanProcessor` (`spanProcessor.enricher`), so that one exception gives one ErrorInfo. */
  enricher?: ExceptionEnricher;
}

/**
 * A `LogRecordProcessor` that enriches log records carrying an exception (`LogRecord.exception`, or
 * the `exception.*` attributes) with the same attributes and fingerprint as exception span events,
 * linked to the record's trace. Put it before the exporting processors.
 *
 * The exception object comes, in order, from the `ExceptionSpanProcessor` that emitted the record
 * (`logs`/`logs/dup` modes), from the record (stashed when the SDK set it; the very first record of
 * a process cannot be, see sdkInternals.ts), else from the record's `exception.*` strings, whose
 * frames are parsed from the stack text (no locals, no cause chain).
 */
export class ExceptionLogRecordProcessor implements LogRecordProcessor {
  /** The capture, shared with the span processor when given. */
  readonly enricher: ExceptionEnricher;

  /** A processor with the given options (see `ENRICHER_DEFAULTS` for the capture's). */
  constructor(options: ExceptionLogRecordProcessorOptions = {}) {
    this.enricher = options.enricher ?? new ExceptionEnricher(options);
  }

  /** Enriches the record in place while it is still writable. */
  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    const handoff = this.enricher.takeHandoff();
    const exception = takeLogRecordException(record);
    if (handoff === undefined && exception === NO_EXCEPTION && !hasExceptionAttributes(record)) {
      return;
    }
    try {
      const enriched =
        handoff ??
        this.enricher.capture(
          exception === NO_EXCEPTION ? errorFromAttributes(record) : exception,
          traceOf(record.spanContext),
          () => resourceJson(record.resource),
        );
      if (enriched === null) return;
      applyToLogRecord(record, this.enricher.attributes(enriched, logRecordLimitsOf(record)));
    } catch (failure) {
      diag.warn('ExceptionLogRecordProcessor: could not enrich the log record', failure);
    }
  }

  /** Nothing is buffered here. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to release. */
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function hasExceptionAttributes(record: ReadWriteLogRecord): boolean {
  const attributes = record.attributes;
  return (
    attributes[EXCEPTION_TYPE] !== undefined ||
    attributes[EXCEPTION_MESSAGE] !== undefined ||
    attributes[EXCEPTION_STACKTRACE] !== undefined
  );
}

// The SDK's `exception.type` may be `err.code`: the rebuilt error can only carry it as its name.
function errorFromAttributes(record: ReadWriteLogRecord): object {
  const text = (key: string): string => {
    const value = record.attributes[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    name: text(EXCEPTION_TYPE) || 'Error',
    message: text(EXCEPTION_MESSAGE),
    stack: text(EXCEPTION_STACKTRACE),
  };
}

function traceOf(spanContext: SpanContext | undefined): TraceContext | null {
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return null;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
