import {
  SeverityNumber,
  type Context,
  type Logger,
  type LogRecord,
  type TimeInput,
} from '@opentelemetry/api';
import type { EnrichedException, ExceptionEnricher } from './ExceptionEnricher.ts';
import { EXCEPTION_EVENT } from './semconv.ts';

/** How one exception log record is emitted. */
export interface ExceptionLogOptions {
  /** The context whose span the record is linked to. */
  context: Context;
  /**
   * Per semconv: ERROR for an exception a span recorded, FATAL for one a process-wide handler
   * caught (it shuts the process down).
   */
  severityNumber: SeverityNumber;
  /** When it happened. The default is now. */
  timestamp?: TimeInput;
  /** The exception as `enricher` captured it, or `null` when the capture failed. */
  enriched: EnrichedException | null;
}

// Enriched records are built without knowing the logger's limits; the log record processor rebuilds
// them under the real ones. Only our attributes are set here, so they win over the SDK's type.
const UNKNOWN_LIMITS = { valueLength: Infinity, attributeCount: 128 };

/**
 * Emits `exception` as an `exception` event record with the enriched attributes, handing the capture
 * to the `ExceptionLogRecordProcessor` of the same enricher (no second capture, no second ErrorInfo).
 */
export function emitExceptionLog(
  logger: Logger,
  enricher: ExceptionEnricher,
  exception: unknown,
  options: ExceptionLogOptions,
): void {
  const record: LogRecord = {
    eventName: EXCEPTION_EVENT,
    severityNumber: options.severityNumber,
    severityText: SeverityNumber[options.severityNumber],
    exception,
    context: options.context,
    timestamp: options.timestamp,
  };
  const enriched = options.enriched;
  if (enriched === null) {
    logger.emit(record);
    return;
  }
  const attributes = enricher.attributes(enriched, UNKNOWN_LIMITS);
  enricher.emitWith(enriched, () => logger.emit({ ...record, attributes }));
}
