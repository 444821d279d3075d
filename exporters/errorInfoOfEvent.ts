/**
 * The ErrorInfo of one exception span event, for every exporter of this folder (and the Sentry one):
 * - an event the in-process `ExceptionSpanProcessor` enriched: its full report, as captured (locals,
 *   source context, the whole cause chain), never cut by attribute limits;
 * - any other exception event (the SDK's plain `recordException`, a processor in another copy of the
 *   package): rebuilt from its attributes exactly as `err list` reads them from the Collector's OTLP
 *   files (`exception.*`, `code.*`, `otel_err.*` JSON checked field by field, else `exception.stacktrace`
 *   parsed), plus the span's trace ids and resource. Without `otel_err.fingerprint`, the fingerprint
 *   is derived from service, type and top stack line: the same id `err list` shows for that event.
 */
import { diag, type Attributes, isSpanContextValid } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import { eventErrorInfo } from '../processors/eventErrorInfo.ts';
import { resourceJson } from '../processors/resourceJson.ts';
import { EXCEPTION_EVENT, EXCEPTION_MESSAGE, EXCEPTION_TYPE } from '../processors/semconv.ts';
import { runtimeInfo } from '../src/capture/runtimeInfo.ts';
import type { AttributeValue } from '../src/cli/sources/otlpAttributes.ts';
import { otlpErrorInfo } from '../src/cli/sources/otlpErrorInfo.ts';
import type { OtlpOccurrence } from '../src/cli/sources/OtlpOccurrence.ts';
import type { ErrorInfo } from '../src/errorinfo/ErrorInfo.ts';

let failures = 0;

/** Whether an event reports an exception: named `exception`, or carrying `exception.type`/`.message`. */
export function isExceptionEvent(event: TimedEvent): boolean {
  if (event.name === EXCEPTION_EVENT) return true;
  const attributes = event.attributes ?? {};
  return (
    typeof attributes[EXCEPTION_TYPE] === 'string' ||
    typeof attributes[EXCEPTION_MESSAGE] === 'string'
  );
}

/** The exception events of a span, in order. */
export function exceptionEventsOf(span: ReadableSpan): TimedEvent[] {
  return span.events.filter(isExceptionEvent);
}

/**
 * The report of one exception event (see the file comment for where it comes from); `null` for an
 * event that is not an exception. Never throws: a malformed attribute only costs its field. The
 * report of an enriched event is shared with the processor and its other listeners: read-only.
 */
export function errorInfoOfEvent(span: ReadableSpan, event: TimedEvent): ErrorInfo | null {
  try {
    if (!isExceptionEvent(event)) return null;
    return eventErrorInfo(event) ?? rebuild(span, event);
  } catch (failure) {
    failures++;
    const log = failures === 1 ? diag.warn : diag.debug;
    log(`errorInfoOfEvent: could not read an exception event (${failures} so far)`, failure);
    return null;
  }
}

function rebuild(span: ReadableSpan, event: TimedEvent): ErrorInfo {
  const context = span.spanContext();
  const valid = isSpanContextValid(context);
  const occurrence: OtlpOccurrence = {
    time: event.time[0] * 1000 + Math.floor(event.time[1] / 1e6),
    resource: new Map(Object.entries(resourceJson(span.resource))),
    attributes: attributeMap(event.attributes),
    traceId: valid ? context.traceId : null,
    spanId: valid ? context.spanId : null,
  };
  // The span ended in this process: its runtime is ours. `extra` would name an OTLP file.
  return { ...otlpErrorInfo(occurrence, ''), runtime: runtimeInfo(), extra: {} };
}

function attributeMap(attributes: Attributes | undefined): Map<string, AttributeValue> {
  const map = new Map<string, AttributeValue>();
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      map.set(key, value);
    } else if (Array.isArray(value)) {
      map.set(key, arrayValue(value));
    }
  }
  return map;
}

// Span attribute arrays may hold `undefined` (the SDK keeps holes); JSON has only `null`.
function arrayValue(values: readonly unknown[]): AttributeValue[] {
  return values.map(item =>
    typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? item : null,
  );
}
