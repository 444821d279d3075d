/**
 * The OTLP/JSON shapes a test reads (opentelemetry-proto JSON mapping: lowerCamelCase keys, hex ids,
 * 64-bit integers as decimal strings or numbers). Only what traces and logs carry; all optional
 * scalars may be absent, since protobuf drops defaults and JSON exporters omit `undefined`.
 */

/** An attribute value: exactly one field is set. */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values: OtlpAnyValue[] };
  kvlistValue?: { values: OtlpKeyValue[] };
}

/** One attribute. */
export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

/** A resource. */
export interface OtlpResource {
  attributes: OtlpKeyValue[];
  droppedAttributesCount?: number;
}

/** An instrumentation scope. */
export interface OtlpScope {
  name?: string;
  version?: string;
  attributes?: OtlpKeyValue[];
}

/** A span event. */
export interface OtlpEvent {
  timeUnixNano?: string;
  name?: string;
  attributes: OtlpKeyValue[];
  droppedAttributesCount?: number;
}

/** A span. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes: OtlpKeyValue[];
  droppedAttributesCount?: number;
  events: OtlpEvent[];
  droppedEventsCount?: number;
  links: unknown[];
  droppedLinksCount?: number;
  status?: { code?: number; message?: string };
  flags?: number;
}

/** A log record. */
export interface OtlpLogRecord {
  timeUnixNano?: string;
  observedTimeUnixNano?: string;
  severityNumber?: number;
  severityText?: string;
  body?: OtlpAnyValue;
  eventName?: string;
  attributes: OtlpKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
  traceId?: string;
  spanId?: string;
}

/** `ExportTraceServiceRequest`. */
export interface ExportTraceRequest {
  resourceSpans: {
    resource?: OtlpResource;
    scopeSpans: { scope?: OtlpScope; spans: OtlpSpan[]; schemaUrl?: string }[];
    schemaUrl?: string;
  }[];
}

/** `ExportLogsServiceRequest`. */
export interface ExportLogsRequest {
  resourceLogs: {
    resource?: OtlpResource;
    scopeLogs: { scope?: OtlpScope; logRecords: OtlpLogRecord[]; schemaUrl?: string }[];
    schemaUrl?: string;
  }[];
}
