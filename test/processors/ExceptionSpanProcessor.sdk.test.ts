import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type Span,
  type SpanProcessor,
  type TimedEvent,
} from '@opentelemetry/sdk-trace';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import * as names from '../../processors/semconv.ts';
import { attributesOf, stringOf } from '../helpers/otlp/attributesOf.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';
import { exceptionEvent, inMemory, recordIn, UUID } from './spanPipeline.ts';
import { TestCapture } from './TestCapture.ts';

describe('ExceptionSpanProcessor with the SDK', () => {
  describe('more than 128 events on a span', () => {
    it('should detect and count an exception event pushed out, and keep its ErrorInfo', () => {
      const { tracer, exporter, infos, processor } = inMemory();
      const span = tracer.startSpan('busy');
      span.recordException(new Error('early'));
      for (let i = 0; i < 130; i++) span.addEvent(`tick ${i}`);
      span.end();
      const [finished] = exporter.getFinishedSpans();
      assert.ok(finished);
      assert.equal(
        finished.events.some(event => event.name === 'exception'),
        false,
      );
      assert.equal(finished.attributes[names.DROPPED_EXCEPTIONS], 1);
      assert.deepEqual(finished.attributes[names.DROPPED_FINGERPRINTS], [infos[0]?.fingerprint]);
      assert.equal(processor.droppedExceptionEvents, 1);
      assert.equal(infos.length, 1);
    });

    it('should count nothing when the exception event survives', () => {
      const { tracer, exporter, processor } = inMemory();
      const span = tracer.startSpan('busy');
      for (let i = 0; i < 130; i++) span.addEvent(`tick ${i}`);
      span.recordException(new Error('late'));
      span.end();
      const [finished] = exporter.getFinishedSpans();
      assert.equal(finished?.attributes[names.DROPPED_EXCEPTIONS], undefined);
      assert.equal(processor.droppedExceptionEvents, 0);
    });
  });

  describe('SDK span limits', () => {
    it('should keep every value within attributeValueLengthLimit, cut in the documented order', async () => {
      const receiver = await OtlpReceiver.start();
      const exporter = new OTLPTraceExporter({ url: receiver.tracesUrl });
      const capture = new TestCapture({ source: true, locals: { note: 'x'.repeat(500) } });
      const processor = new ExceptionSpanProcessor({
        capture: capture.capture,
        exceptionSignal: 'spans',
      });
      const provider = new TracerProvider({
        spanLimits: { attributeValueLengthLimit: 250 },
        spanProcessors: [processor, new SimpleSpanProcessor({ exporter })],
      });
      recordIn(provider.getTracer('test'), new Error('outer', { cause: new TypeError('inner') }));
      await provider.shutdown();
      await receiver.waitFor(r => r.spans().length === 1);
      const attributes = attributesOf(receiver.spans()[0]?.events[0]?.attributes);
      await receiver.close();
      for (const [key, value] of Object.entries(attributes)) {
        if (typeof value === 'string') assert.ok(value.length <= 250, key);
      }
      assert.equal(stringOf(attributes[names.EXCEPTION_STACKTRACE]).length, 250);
      assert.ok((JSON.parse(stringOf(attributes[names.FRAMES])) as unknown[]).length >= 1);
      assert.deepEqual(attributes[names.TRUNCATED], [
        names.FRAMES,
        names.CHAIN,
        names.SOURCE,
        names.LOCALS,
      ]);
    });

    it('should drop the lowest-priority attributes past attributePerEventCountLimit, and count them', () => {
      const exporter = new InMemorySpanExporter();
      const provider = new TracerProvider({
        spanLimits: { attributePerEventCountLimit: 5 },
        spanProcessors: [
          new ExceptionSpanProcessor({
            capture: new TestCapture().capture,
            exceptionSignal: 'spans',
          }),
          new SimpleSpanProcessor({ exporter }),
        ],
      });
      recordIn(provider.getTracer('test'), new Error('count limited'));
      const event = exporter.getFinishedSpans()[0]?.events[0];
      assert.deepEqual(Object.keys(event?.attributes ?? {}), [
        names.EXCEPTION_TYPE,
        names.EXCEPTION_MESSAGE,
        names.EXCEPTION_STACKTRACE,
        names.FINGERPRINT,
        names.CODE_FUNCTION_NAME,
      ]);
      assert.ok((event?.droppedAttributesCount ?? 0) >= 6);
    });
  });
  describe('a processor before it that wraps recordException per span', () => {
    it('should still see every exception once', () => {
      const wrapper: SpanProcessor = {
        onStart: (span: Span) => {
          const original = span.recordException.bind(span);
          span.recordException = (exception, time) => original(exception, time);
        },
        onEnd: () => {},
        forceFlush: () => Promise.resolve(),
        shutdown: () => Promise.resolve(),
      };
      const exporter = new InMemorySpanExporter();
      const capture = new TestCapture();
      const infos: ErrorInfo[] = [];
      const provider = new TracerProvider({
        spanProcessors: [
          wrapper,
          new ExceptionSpanProcessor({
            capture: capture.capture,
            onErrorInfo: info => infos.push(info),
          }),
          new SimpleSpanProcessor({ exporter }),
        ],
      });
      const tracer = provider.getTracer('test');
      for (let i = 0; i < 3; i++) recordIn(tracer, new Error(`wrapped ${i}`));
      assert.equal(infos.length, 3);
      for (const span of exporter.getFinishedSpans()) {
        assert.match(stringOf(exceptionEvent(span)[names.FINGERPRINT]), UUID);
      }
    });
  });

  describe('a span that is not an SDK span', () => {
    it('should wrap its recordException alone and enrich its event', () => {
      const { processor, infos } = inMemory();
      const events: TimedEvent[] = [];
      const recorded: unknown[] = [];
      const fake = {
        events,
        resource: undefined,
        spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 }),
        isRecording: () => true,
        recordException(exception: unknown) {
          recorded.push(exception);
          events.push({ name: 'exception', time: [0, 0], attributes: { 'exception.type': 'X' } });
        },
      };
      processor.onStart(fake as unknown as Span, context.active());
      const error = new SyntaxError('not from the SDK');
      fake.recordException(error);
      assert.deepEqual(recorded, [error]);
      assert.equal(events[0]?.attributes?.[names.EXCEPTION_TYPE], 'SyntaxError');
      assert.match(stringOf(events[0]?.attributes?.[names.FINGERPRINT]), UUID);
      assert.deepEqual(infos[0]?.trace, { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) });
    });
  });
});
