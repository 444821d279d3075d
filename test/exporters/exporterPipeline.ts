import type { Tracer } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type SpanExporter,
  type SpanLimits,
} from '@opentelemetry/sdk-trace';
import {
  ExceptionSpanProcessor,
  type ExceptionSpanProcessorOptions,
} from '../../processors/ExceptionSpanProcessor.ts';

/** How the test pipeline is built. */
export interface PipelineOptions {
  /** `BatchSpanProcessor` (10 ms delay) instead of `SimpleSpanProcessor`. */
  batch?: boolean;
  /** Options of the `ExceptionSpanProcessor`; `false` leaves it out (plain SDK events). */
  processor?: ExceptionSpanProcessorOptions | false;
  /** SDK span limits. */
  spanLimits?: SpanLimits;
}

/** The service every test pipeline runs as. */
export const SERVICE = { name: 'exporters-test', version: '3.2.1' } as const;

/** A provider with `ExceptionSpanProcessor` first, then a simple (or batch) processor over `exporter`. */
export function pipelineOf(exporter: SpanExporter, options: PipelineOptions = {}) {
  const exporting = options.batch
    ? new BatchSpanProcessor({ exporter, scheduledDelayMillis: 10 })
    : new SimpleSpanProcessor({ exporter });
  const first =
    options.processor === false
      ? []
      : [new ExceptionSpanProcessor({ exceptionSignal: 'spans', ...options.processor })];
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': SERVICE.name,
      'service.version': SERVICE.version,
    }),
    spanLimits: options.spanLimits,
    spanProcessors: [...first, exporting],
  });
  return { provider, tracer: provider.getTracer('exporters-test') };
}

/** Records `error` on a fresh span and ends it. */
export function recordIn(tracer: Tracer, error: unknown, name = 'work'): void {
  const span = tracer.startSpan(name);
  span.recordException(error as Error);
  span.end();
}

/** One bug: every call throws from the same statement, so every error has one fingerprint. */
export function parseAmount(text: string): number {
  const amount = Number(text);
  if (Number.isNaN(amount)) throw new TypeError(`not an amount: ${text}`);
  return amount;
}

/** Another bug, thrown from another statement. */
export function openLedger(name: string): never {
  throw new RangeError(`no ledger named ${name}`);
}

/** What `fn` threw. */
export function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** Runs `exporter.export(spans)` and returns its result. */
export function exportResult(exporter: SpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise(resolve => exporter.export(spans, resolve));
}

/** Whether a result is a success. */
export function succeeded(result: ExportResult): boolean {
  return result.code === ExportResultCode.SUCCESS;
}
