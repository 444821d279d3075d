/**
 * OTLP protobuf (`application/x-protobuf`) → the OTLP/JSON shape the JSON exporters send, so that a
 * test reads both encodings alike: ids as lowercase hex, 64-bit times as decimal strings, `intValue`
 * as a number (a string beyond 2^53), bytes values as base64, enums as numbers. Repeated fields are
 * always arrays; absent scalars stay absent (proto3 drops defaults on the wire).
 *
 * The schema holds only what traces and logs requests need, with the field numbers of
 * opentelemetry-proto (common, resource, trace and logs .proto). Unknown fields are skipped, as
 * protobuf requires. Throws a `RangeError` on malformed input.
 */
import { ProtobufReader, WIRE, type WireField } from './ProtobufReader.ts';
import type { ExportLogsRequest, ExportTraceRequest } from './otlpTypes.ts';

type Scalar =
  'string' | 'hex' | 'base64' | 'uint' | 'int64' | 'nanos' | 'fixed32' | 'double' | 'bool';
type Schema = Readonly<Record<number, FieldSpec>>;
type FieldSpec = readonly [name: string, kind: Scalar | (() => Schema), repeated?: 'repeated'];

const KEY_VALUE: Schema = { 1: ['key', 'string'], 2: ['value', () => ANY_VALUE] };
const ANY_VALUE: Schema = {
  1: ['stringValue', 'string'],
  2: ['boolValue', 'bool'],
  3: ['intValue', 'int64'],
  4: ['doubleValue', 'double'],
  5: ['arrayValue', () => ({ 1: ['values', () => ANY_VALUE, 'repeated'] })],
  6: ['kvlistValue', () => ({ 1: ['values', () => KEY_VALUE, 'repeated'] })],
  7: ['bytesValue', 'base64'],
};
const ATTRIBUTES: FieldSpec = ['attributes', () => KEY_VALUE, 'repeated'];
const RESOURCE: Schema = { 1: ATTRIBUTES, 2: ['droppedAttributesCount', 'uint'] };
const SCOPE: Schema = {
  1: ['name', 'string'],
  2: ['version', 'string'],
  3: ATTRIBUTES,
  4: ['droppedAttributesCount', 'uint'],
};
const EVENT: Schema = {
  1: ['timeUnixNano', 'nanos'],
  2: ['name', 'string'],
  3: ATTRIBUTES,
  4: ['droppedAttributesCount', 'uint'],
};
const LINK: Schema = {
  1: ['traceId', 'hex'],
  2: ['spanId', 'hex'],
  3: ['traceState', 'string'],
  4: ATTRIBUTES,
  5: ['droppedAttributesCount', 'uint'],
  6: ['flags', 'fixed32'],
};
const SPAN: Schema = {
  1: ['traceId', 'hex'],
  2: ['spanId', 'hex'],
  3: ['traceState', 'string'],
  4: ['parentSpanId', 'hex'],
  5: ['name', 'string'],
  6: ['kind', 'uint'],
  7: ['startTimeUnixNano', 'nanos'],
  8: ['endTimeUnixNano', 'nanos'],
  9: ATTRIBUTES,
  10: ['droppedAttributesCount', 'uint'],
  11: ['events', () => EVENT, 'repeated'],
  12: ['droppedEventsCount', 'uint'],
  13: ['links', () => LINK, 'repeated'],
  14: ['droppedLinksCount', 'uint'],
  15: ['status', () => ({ 2: ['message', 'string'], 3: ['code', 'uint'] })],
  16: ['flags', 'fixed32'],
};
const LOG_RECORD: Schema = {
  1: ['timeUnixNano', 'nanos'],
  2: ['severityNumber', 'uint'],
  3: ['severityText', 'string'],
  5: ['body', () => ANY_VALUE],
  6: ATTRIBUTES,
  7: ['droppedAttributesCount', 'uint'],
  8: ['flags', 'fixed32'],
  9: ['traceId', 'hex'],
  10: ['spanId', 'hex'],
  11: ['observedTimeUnixNano', 'nanos'],
  12: ['eventName', 'string'],
};
/** Schema of `ExportTraceServiceRequest`. */
const TRACES: Schema = {
  1: [
    'resourceSpans',
    () => ({
      1: ['resource', () => RESOURCE],
      2: [
        'scopeSpans',
        () => ({
          1: ['scope', () => SCOPE],
          2: ['spans', () => SPAN, 'repeated'],
          3: ['schemaUrl', 'string'],
        }),
        'repeated',
      ],
      3: ['schemaUrl', 'string'],
    }),
    'repeated',
  ],
};
/** Schema of `ExportLogsServiceRequest`. */
const LOGS: Schema = {
  1: [
    'resourceLogs',
    () => ({
      1: ['resource', () => RESOURCE],
      2: [
        'scopeLogs',
        () => ({
          1: ['scope', () => SCOPE],
          2: ['logRecords', () => LOG_RECORD, 'repeated'],
          3: ['schemaUrl', 'string'],
        }),
        'repeated',
      ],
      3: ['schemaUrl', 'string'],
    }),
    'repeated',
  ],
};

/** Decodes an `ExportTraceServiceRequest`. */
export function decodeTraceRequest(bytes: Uint8Array): ExportTraceRequest {
  return decodeMessage(bytes, TRACES) as ExportTraceRequest;
}

/** Decodes an `ExportLogsServiceRequest`. */
export function decodeLogsRequest(bytes: Uint8Array): ExportLogsRequest {
  return decodeMessage(bytes, LOGS) as ExportLogsRequest;
}

function decodeMessage(bytes: Uint8Array, schema: Schema): unknown {
  const message: Record<string, unknown> = {};
  for (const [name, , repeated] of Object.values(schema)) if (repeated) message[name] = [];
  for (const field of new ProtobufReader(bytes).fields()) {
    const spec = schema[field.field];
    if (spec === undefined) continue;
    const [name, kind, repeated] = spec;
    const value =
      typeof kind === 'function' ? decodeMessage(payload(field), kind()) : scalar(field, kind);
    if (repeated) (message[name] as unknown[]).push(value);
    else message[name] = value;
  }
  return message;
}

function scalar(field: WireField, kind: Scalar): unknown {
  switch (kind) {
    case 'string':
      return new TextDecoder('utf-8', { fatal: true }).decode(payload(field));
    case 'hex':
      return Buffer.from(payload(field)).toString('hex');
    case 'base64':
      return Buffer.from(payload(field)).toString('base64');
    case 'uint':
    case 'fixed32':
      return Number(field.integer);
    case 'bool':
      return field.integer !== 0n;
    case 'nanos':
      return field.integer.toString();
    case 'int64': {
      const signed = BigInt.asIntN(64, field.integer);
      return Number.isSafeInteger(Number(signed)) ? Number(signed) : signed.toString();
    }
    case 'double':
      return new DataView(field.bytes.buffer, field.bytes.byteOffset, 8).getFloat64(0, true);
  }
}

function payload(field: WireField): Uint8Array {
  if (field.wire !== WIRE.lengthDelimited) {
    throw new RangeError(`protobuf: field ${field.field} should be length-delimited`);
  }
  return field.bytes;
}
