import assert from 'node:assert/strict';
import type { Tracer } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import { TestCapture } from './TestCapture.ts';

/** An otel-err fingerprint: a UUID of version 5. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A provider whose first processor is ours (with a `TestCapture`), then the given ones. */
export function pipeline(processors: SpanProcessor[], capture = new TestCapture()) {
  const infos: ErrorInfo[] = [];
  const processor = new ExceptionSpanProcessor({
    capture: capture.capture,
    onErrorInfo: info => infos.push(info),
    exceptionSignal: 'spans',
  });
  const provider = new TracerProvider({ spanProcessors: [processor, ...processors] });
  return { provider, processor, infos, tracer: provider.getTracer('test'), capture };
}

/** `pipeline` ending in a SimpleSpanProcessor and an InMemorySpanExporter. */
export function inMemory(processors: SpanProcessor[] = [], capture?: TestCapture) {
  const exporter = new InMemorySpanExporter();
  const setup = pipeline([...processors, new SimpleSpanProcessor({ exporter })], capture);
  return { ...setup, exporter };
}

/** Records `error` on a fresh span and ends it. */
export function recordIn(tracer: Tracer, error: unknown): void {
  const span = tracer.startSpan('work');
  span.recordException(error as Error);
  span.end();
}

/** The attributes of the span's exception event (asserted present). */
export function exceptionEvent(span: ReadableSpan) {
  const event = span.events.find(candidate => candidate.name === 'exception');
  assert.ok(event, 'exception event present');
  return event.attributes ?? {};
}
