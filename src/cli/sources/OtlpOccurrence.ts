/**
 * Exception occurrences in one OTLP JSON `ExportTraceServiceRequest` (span events named
 * `exception`) or `ExportLogsServiceRequest` (log records with event name `exception`, or with
 * `exception.*` attributes), as the Collector's file exporter writes them: lowerCamelCase keys,
 * hex trace ids, 64-bit integers as decimal strings. Anything malformed below the top is skipped.
 */
import { EXCEPTION_EVENT, EXCEPTION_MESSAGE, EXCEPTION_TYPE } from '../../../processors/semconv.ts';
import { type AttributeValue, attributeMap, stringAttribute } from './otlpAttributes.ts';

/** One exception event or log record with its resource and trace context. */
export interface OtlpOccurrence {
  /** Time of the event, ms since the epoch (0 when absent). */
  time: number;
  /** The resource's attributes (`service.name`, `service.version`, …). */
  resource: Map<string, AttributeValue>;
  /** The event's or record's attributes. */
  attributes: Map<string, AttributeValue>;
  /** 32 lowercase hex digits, or `null`. */
  traceId: string | null;
  /** 16 lowercase hex digits, or `null`. */
  spanId: string | null;
}

type Obj = Record<string, unknown>;

/** The exception occurrences of a parsed request line; `[]` for anything else. */
export function otlpOccurrences(request: unknown): OtlpOccurrence[] {
  const found: OtlpOccurrence[] = [];
  for (const resourceSpans of list(request, 'resourceSpans')) {
    const resource = attributeMap(obj(obj(resourceSpans).resource).attributes);
    for (const scope of list(resourceSpans, 'scopeSpans')) {
      for (const span of list(scope, 'spans')) {
        const traceId = hexId(obj(span).traceId, 32);
        const spanId = hexId(obj(span).spanId, 16);
        for (const event of list(span, 'events')) {
          const { name, attributes, timeUnixNano } = obj(event);
          const map = attributeMap(attributes);
          if (name !== EXCEPTION_EVENT && !isException(map)) continue;
          found.push({ time: nanosToMs(timeUnixNano), resource, attributes: map, traceId, spanId });
        }
      }
    }
  }
  for (const resourceLogs of list(request, 'resourceLogs')) {
    const resource = attributeMap(obj(obj(resourceLogs).resource).attributes);
    for (const scope of list(resourceLogs, 'scopeLogs')) {
      for (const record of list(scope, 'logRecords')) {
        const r = obj(record);
        const map = attributeMap(r.attributes);
        if (r.eventName !== EXCEPTION_EVENT && !isException(map)) continue;
        const time = nanosToMs(r.timeUnixNano) || nanosToMs(r.observedTimeUnixNano);
        found.push({
          time,
          resource,
          attributes: map,
          traceId: hexId(r.traceId, 32),
          spanId: hexId(r.spanId, 16),
        });
      }
    }
  }
  return found;
}

function isException(map: Map<string, AttributeValue>): boolean {
  return (
    stringAttribute(map, EXCEPTION_TYPE) !== null ||
    stringAttribute(map, EXCEPTION_MESSAGE) !== null
  );
}

function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

function list(parent: unknown, key: string): unknown[] {
  const value = obj(parent)[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function hexId(value: unknown, length: number): string | null {
  if (typeof value !== 'string' || value.length !== length || !/^[0-9a-fA-F]+$/.test(value))
    return null;
  return /^0+$/.test(value) ? null : value.toLowerCase();
}

function nanosToMs(value: unknown): number {
  if (typeof value === 'string' && /^\d{1,25}$/.test(value)) {
    return value.length > 6 ? Number(value.slice(0, -6)) : 0;
  }
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.floor(value / 1e6)
    : 0;
}
