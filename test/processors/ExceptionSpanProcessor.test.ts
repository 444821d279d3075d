import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import * as names from '../../processors/semconv.ts';
import { attributesOf, stringOf } from '../helpers/otlp/attributesOf.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';
import { exceptionEvent, inMemory, pipeline, recordIn, UUID } from './spanPipeline.ts';
import { TestCapture } from './TestCapture.ts';

const THIS_FILE = fileURLToPath(import.meta.url);

/** Throws a TypeError from a frame named `failingCall`. */
function failingCall(): never {
  return (null as unknown as { call(): never }).call();
}

describe('ExceptionSpanProcessor', () => {
  describe('exception recorded by user code, exported as OTLP JSON', () => {
    let receiver: OtlpReceiver;
    before(async () => {
      receiver = await OtlpReceiver.start();
    });
    after(async () => {
      await receiver.close();
    });

    it('should arrive with the semconv, code.* and otel_err.* attributes', async () => {
      const exporter = new OTLPTraceExporter({ url: receiver.tracesUrl });
      const { provider, tracer } = pipeline([new SimpleSpanProcessor({ exporter })]);
      let thrown: unknown;
      try {
        failingCall();
      } catch (error) {
        thrown = error;
      }
      recordIn(tracer, thrown);
      await provider.shutdown();
      await receiver.waitFor(r => r.spans().length >= 1);
      const [span] = receiver.spans();
      const event = span?.events.find(candidate => candidate.name === 'exception');
      const attributes = attributesOf(event?.attributes);
      assert.equal(attributes[names.EXCEPTION_TYPE], 'TypeError');
      assert.match(stringOf(attributes[names.EXCEPTION_MESSAGE]), /Cannot read properties of null/);
      assert.match(stringOf(attributes[names.EXCEPTION_STACKTRACE]), /at failingCall/);
      assert.equal(attributes[names.CODE_FUNCTION_NAME], 'failingCall');
      assert.equal(attributes[names.CODE_FILE_PATH], THIS_FILE);
      assert.equal(typeof attributes[names.CODE_LINE_NUMBER], 'number');
      assert.equal(typeof attributes[names.CODE_COLUMN_NUMBER], 'number');
      assert.match(stringOf(attributes[names.FINGERPRINT]), UUID);
      assert.equal(attributes[names.OCCURRENCE], 1);
      assert.equal(attributes[names.EXCEPTION_KIND], 'error');
      const frames = JSON.parse(stringOf(attributes[names.FRAMES])) as { function?: string }[];
      assert.equal(frames[0]?.function, 'failingCall');
    });

    it('should compute the type itself and keep a system error code apart', async () => {
      const exporter = new OTLPTraceExporter({ url: receiver.tracesUrl });
      const { provider, tracer } = pipeline([new SimpleSpanProcessor({ exporter })]);
      let thrown: unknown;
      try {
        readFileSync('/nonexistent/otel-err/file');
      } catch (error) {
        thrown = error;
      }
      const before = receiver.spans().length;
      recordIn(tracer, thrown);
      await provider.shutdown();
      await receiver.waitFor(r => r.spans().length > before);
      const span = receiver.spans().at(-1);
      const attributes = attributesOf(span?.events[0]?.attributes);
      assert.equal(attributes[names.EXCEPTION_TYPE], 'Error');
      assert.equal(attributes[names.EXCEPTION_CODE], 'ENOENT');
      assert.equal(attributes[names.EXCEPTION_SYSCALL], 'open');
      assert.equal(attributes[names.EXCEPTION_PATH], '/nonexistent/otel-err/file');
      assert.equal(typeof attributes[names.EXCEPTION_ERRNO], 'number');
    });
  });

  describe('later processors', () => {
    it('should see the enriched event in onEnding and onEnd', () => {
      const seen: Record<string, unknown>[] = [];
      const observer: SpanProcessor = {
        onStart: () => {},
        onEnding: (span: Span) => seen.push({ ...exceptionEvent(span) }),
        onEnd: (span: ReadableSpan) => seen.push({ ...exceptionEvent(span) }),
        forceFlush: () => Promise.resolve(),
        shutdown: () => Promise.resolve(),
      };
      const { tracer } = pipeline([observer]);
      recordIn(tracer, new RangeError('out of range'));
      assert.equal(seen.length, 2);
      for (const attributes of seen) {
        assert.equal(attributes[names.EXCEPTION_TYPE], 'RangeError');
        assert.match(stringOf(attributes[names.FINGERPRINT]), UUID);
      }
    });
  });

  describe('ErrorInfo pipeline', () => {
    it('should give one ErrorInfo per exception, with the trace and span id of the first span', () => {
      const { tracer, infos, exporter } = inMemory();
      const error = new Error('bubbles up');
      const parent = tracer.startSpan('parent');
      const child = tracer.startSpan('child', {}, trace.setSpan(context.active(), parent));
      child.recordException(error);
      child.end();
      parent.recordException(error);
      parent.end();
      assert.equal(infos.length, 1);
      assert.deepEqual(infos[0]?.trace, {
        traceId: child.spanContext().traceId,
        spanId: child.spanContext().spanId,
      });
      const fingerprints = exporter
        .getFinishedSpans()
        .map(span => exceptionEvent(span)[names.FINGERPRINT]);
      assert.equal(fingerprints.length, 2);
      assert.equal(fingerprints[0], fingerprints[1]);
    });

    it('should count occurrences of one bug across traces', () => {
      const { tracer, infos, exporter } = inMemory();
      for (let i = 0; i < 3; i++) recordIn(tracer, new Error(`same bug ${i}`));
      assert.equal(infos.length, 3);
      const occurrences = exporter
        .getFinishedSpans()
        .map(span => exceptionEvent(span)[names.OCCURRENCE]);
      assert.deepEqual(occurrences, [1, 2, 3]);
    });
  });

  describe('spans without exceptions', () => {
    it('should leave attributes, events, status and the span object untouched', () => {
      const run = (provider: TracerProvider, exporter: InMemorySpanExporter) => {
        const span = provider.getTracer('test').startSpan('plain', { attributes: { a: 1 } });
        span.setAttribute('b', 'two');
        span.addEvent('checkpoint', { step: 3 });
        span.setStatus({ code: 2, message: 'not an exception' });
        span.end();
        const [finished] = exporter.getFinishedSpans();
        assert.ok(finished);
        assert.equal(Object.hasOwn(span, 'recordException'), false);
        const { attributes, events, status, droppedAttributesCount, droppedEventsCount } = finished;
        return {
          attributes,
          events: events.map(({ name, attributes: eventAttributes }) => ({
            name,
            eventAttributes,
          })),
          status,
          droppedAttributesCount,
          droppedEventsCount,
        };
      };
      const bareExporter = new InMemorySpanExporter();
      const bare = new TracerProvider({
        spanProcessors: [new SimpleSpanProcessor({ exporter: bareExporter })],
      });
      const ours = inMemory();
      assert.deepEqual(run(ours.provider, ours.exporter), run(bare, bareExporter));
      assert.equal(ours.capture.calls, 0);
      assert.equal(ours.infos.length, 0);
    });

    it('should not enrich exceptions of a provider without the processor', () => {
      inMemory();
      const exporter = new InMemorySpanExporter();
      const bare = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
      recordIn(bare.getTracer('test'), new Error('plain'));
      const attributes = exceptionEvent(exporter.getFinishedSpans()[0]!);
      assert.deepEqual(Object.keys(attributes).sort(), [
        names.EXCEPTION_MESSAGE,
        names.EXCEPTION_STACKTRACE,
        names.EXCEPTION_TYPE,
      ]);
    });
  });

  describe('values that are not errors', () => {
    const cases: { thrown: unknown; type: string; kind: string }[] = [
      { thrown: 42, type: 'number', kind: 'number' },
      { thrown: null, type: 'null', kind: 'null' },
      { thrown: 'a string', type: 'string', kind: 'string' },
    ];
    for (const { thrown, type, kind } of cases) {
      it(`should record an enriched event for ${String(thrown)}`, () => {
        const { tracer, exporter, infos } = inMemory();
        recordIn(tracer, thrown);
        const attributes = exceptionEvent(exporter.getFinishedSpans()[0]!);
        assert.equal(attributes[names.EXCEPTION_TYPE], type);
        assert.equal(attributes[names.EXCEPTION_KIND], kind);
        assert.equal(infos.length, 1);
      });
    }
  });

  describe('failures', () => {
    it('should keep the SDK event when the capture throws, and never throw', () => {
      const { tracer, exporter, infos } = inMemory([], new TestCapture({ fail: true }));
      assert.doesNotThrow(() => recordIn(tracer, new TypeError('still recorded')));
      const attributes = exceptionEvent(exporter.getFinishedSpans()[0]!);
      assert.equal(attributes[names.EXCEPTION_TYPE], 'TypeError');
      assert.equal(attributes[names.EXCEPTION_MESSAGE], 'still recorded');
      assert.equal(attributes[names.FINGERPRINT], undefined);
      assert.equal(infos.length, 0);
    });

    it('should isolate a throwing ErrorInfo listener', () => {
      const { tracer, exporter, processor } = inMemory();
      processor.enricher.addListener(() => {
        throw new Error('listener bug');
      });
      assert.doesNotThrow(() => recordIn(tracer, new Error('fine')));
      const attributes = exceptionEvent(exporter.getFinishedSpans()[0]!);
      assert.match(stringOf(attributes[names.FINGERPRINT]), UUID);
    });
  });

  describe('default capture (captureErrorInfo)', () => {
    it('should use the real capture, named after the resource service', () => {
      const exporter = new InMemorySpanExporter();
      const infos: ErrorInfo[] = [];
      const provider = new TracerProvider({
        resource: resourceFromAttributes({
          'service.name': 'checkout',
          'service.version': '2.0.0',
        }),
        spanProcessors: [
          new ExceptionSpanProcessor({
            onErrorInfo: info => infos.push(info),
            exceptionSignal: 'spans',
          }),
          new SimpleSpanProcessor({ exporter }),
        ],
      });
      let thrown: unknown;
      try {
        failingCall();
      } catch (error) {
        thrown = error;
      }
      recordIn(provider.getTracer('test'), thrown);
      const attributes = exceptionEvent(exporter.getFinishedSpans()[0]!);
      assert.equal(attributes[names.CODE_FUNCTION_NAME], 'failingCall');
      assert.equal(attributes[names.CODE_FILE_PATH], THIS_FILE);
      const source = JSON.parse(stringOf(attributes[names.SOURCE])) as {
        frame: number;
        firstLine: number;
        currentLine: number;
        lines: string[];
      }[];
      const top = source[0];
      assert.equal(top?.frame, 0);
      assert.match(top?.lines[top.currentLine - top.firstLine] ?? '', /\.call\(\)/);
      assert.equal(infos[0]?.name, 'checkout');
      assert.equal(infos[0]?.version, '2.0.0');
      assert.equal(attributes[names.FINGERPRINT], infos[0]?.fingerprint);
    });
  });
});
