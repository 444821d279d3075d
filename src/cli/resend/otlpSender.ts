import { type Attributes, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { exceptionAttributes } from '../../../processors/attributes.ts';
import { ENRICHER_DEFAULTS } from '../../../processors/ExceptionEnricher.ts';
import type { ErrorInfo, JsonValue } from '../../errorinfo/ErrorInfo.ts';
import { RecordingExporter } from './RecordingExporter.ts';
import type { Sender } from './Sender.ts';

/** Name of the span that carries a re-sent exception (the original span's name is not in the report). */
export const RESEND_SPAN_NAME = 'otel_err.resend';
/** Span attribute with the report's trace id: the API cannot give a new span a chosen trace id. */
export const ORIGINAL_TRACE_ID = 'otel_err.original_trace_id';
/** Span attribute with the report's span id. */
export const ORIGINAL_SPAN_ID = 'otel_err.original_span_id';

/** Options of `otlpSender`. */
export interface OtlpSenderOptions {
  /** OTLP/HTTP traces URL. */
  url: string;
  /** Deadline of one export, retries included, in ms. The default value is 5000. */
  timeoutMs?: number;
}

/** The defaults of `OtlpSenderOptions`. */
export const OTLP_SENDER_DEFAULTS = { timeoutMs: 5000 } as const;

/**
 * A sender to an OTLP/HTTP endpoint: one span per report, carrying an `exception` event with the
 * attributes the live processor writes (`exceptionAttributes`, default limits), timed at the
 * report's latest occurrence, under a resource made of the report's resource and service. One
 * tracer provider per distinct resource; a report is accepted when its span's export succeeded.
 */
export function otlpSender(options: OtlpSenderOptions): Sender {
  const timeoutMs = options.timeoutMs ?? OTLP_SENDER_DEFAULTS.timeoutMs;
  const pipelines = new Map<string, { provider: TracerProvider; exporter: RecordingExporter }>();
  const pipelineOf = (info: ErrorInfo) => {
    const attributes = resourceAttributes(info);
    const key = JSON.stringify(attributes);
    let pipeline = pipelines.get(key);
    if (pipeline === undefined) {
      const exporter = new RecordingExporter(
        new OTLPTraceExporter({ url: options.url, timeoutMillis: timeoutMs }),
      );
      const provider = new TracerProvider({
        resource: resourceFromAttributes(attributes),
        spanProcessors: [new SimpleSpanProcessor({ exporter })],
      });
      pipeline = { provider, exporter };
      pipelines.set(key, pipeline);
    }
    return pipeline;
  };
  return {
    send: async info => {
      try {
        const { provider, exporter } = pipelineOf(info);
        const span = provider.getTracer('otel-err-resend').startSpan(RESEND_SPAN_NAME, {
          kind: SpanKind.INTERNAL,
          startTime: info.timestamp,
          attributes: originalIds(info),
        });
        span.addEvent(
          'exception',
          exceptionAttributes(info, info.count, eventLimits),
          info.timestamp,
        );
        span.setStatus({ code: SpanStatusCode.ERROR, message: info.exception.type });
        span.end(info.timestamp);
        await provider.forceFlush();
        return exporter.take(span.spanContext().spanId);
      } catch {
        return false;
      }
    },
    close: async () => {
      await Promise.allSettled([...pipelines.values()].map(({ provider }) => provider.shutdown()));
    },
  };
}

const eventLimits = {
  valueLength: Infinity,
  maxAttributeLength: ENRICHER_DEFAULTS.maxAttributeLength,
  maxTotalLength: ENRICHER_DEFAULTS.maxTotalLength,
};

function originalIds(info: ErrorInfo): Attributes {
  if (info.trace === null) return {};
  return { [ORIGINAL_TRACE_ID]: info.trace.traceId, [ORIGINAL_SPAN_ID]: info.trace.spanId };
}

/** The report's resource (values OTLP can carry as attributes), with its service name and version. */
function resourceAttributes(info: ErrorInfo): Attributes {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(info.resource)) {
    const attribute = attributeValue(value);
    if (attribute !== undefined) attributes[key] = attribute;
  }
  attributes['service.name'] ??= info.name;
  if (info.version !== '') attributes['service.version'] ??= info.version;
  return attributes;
}

function attributeValue(value: JsonValue): Attributes[string] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (!Array.isArray(value)) return undefined;
  if (value.every(item => typeof item === 'string')) return value;
  if (value.every(item => typeof item === 'number')) return value;
  if (value.every(item => typeof item === 'boolean')) return value;
  return undefined;
}
