import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { context, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
  type TimedEvent,
} from '@opentelemetry/sdk-trace';
import {
  SentryExporter,
  type SentryExporterOptions,
} from '../../../exporters/sentry/SentryExporter.ts';
import type { ErrorInfo } from '../../../src/errorinfo/ErrorInfo.ts';
import { TestDiagLogger } from '../../err/TestDiagLogger.ts';
import { SentryServer } from '../../helpers/sentry/SentryServer.ts';
import { sentryEventProblems } from '../../helpers/sentry/sentryEventSchema.ts';
import { chainedErrorInfo } from './chainedError.ts';

type ExportResult = Parameters<Parameters<SentryExporter['export']>[1]>[0];

/** Ended spans: `root` (no exception) and its child `GET /orders` with one exception event. */
function sampleSpans(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  const tracer = provider.getTracer('test');
  const root = tracer.startSpan('root');
  const child = tracer.startSpan('GET /orders', {}, trace.setSpan(context.active(), root));
  child.recordException(new Error('request failed'));
  child.end();
  root.end();
  return memory.getFinishedSpans();
}

function exportOf(exporter: SentryExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise(resolve => exporter.export(spans, resolve));
}

describe('SentryExporter', () => {
  let server: SentryServer;
  const exporters: SentryExporter[] = [];
  /** An exporter whose ErrorInfo of any exception event is `info` (a fake `errorInfoOfEvent`). */
  const make = (info: ErrorInfo | (() => ErrorInfo), options: SentryExporterOptions = {}) => {
    const errorInfoOf = (_span: ReadableSpan, event: TimedEvent) =>
      event.name !== 'exception' ? null : typeof info === 'function' ? info() : info;
    const exporter = new SentryExporter({ dsn: server.dsn, errorInfoOf, ...options });
    exporters.push(exporter);
    return exporter;
  };

  before(async () => {
    server = await SentryServer.start();
  });
  afterEach(async () => {
    await Promise.all(exporters.splice(0).map(exporter => exporter.shutdown()));
    server.received.length = 0;
    server.respond({});
  });
  after(() => server.close());

  describe('.export', () => {
    it('should send one event per exception event, with the span as transaction and trace', async () => {
      const spans = sampleSpans();
      const result = await exportOf(make({ ...chainedErrorInfo(), trace: null }), spans);
      assert.deepEqual(result, { code: 0 });
      const [event] = server.events();
      assert.equal(server.events().length, 1);
      assert.ok(event);
      const child = spans.find(span => span.name === 'GET /orders')!;
      const root = spans.find(span => span.name === 'root')!;
      assert.equal(event.transaction, 'GET /orders');
      assert.deepEqual(event.contexts?.trace, {
        trace_id: child.spanContext().traceId,
        span_id: child.spanContext().spanId,
        parent_span_id: root.spanContext().spanId,
      });
      assert.deepEqual(sentryEventProblems(event), []);
    });

    it('should report success without a request for spans without exceptions', async () => {
      const spans = sampleSpans().filter(span => span.name === 'root');
      assert.deepEqual(await exportOf(make(chainedErrorInfo()), spans), { code: 0 });
      assert.equal(server.received.length, 0);
    });

    it('should send a report shared by several spans once', async () => {
      const shared = chainedErrorInfo();
      const exporter = make(shared);
      await exportOf(exporter, sampleSpans());
      await exportOf(exporter, sampleSpans());
      assert.equal(server.events().length, 1);
    });

    it('should report failure when Sentry refuses the event', async () => {
      server.respond({ status: 500 });
      const result = await exportOf(make(chainedErrorInfo), sampleSpans());
      assert.equal(result.code, 1);
      assert.equal(result.error?.message, 'SentryExporter: 1 of 1 events not delivered');
    });

    it('should count an event it cannot read and still answer', async () => {
      const exporter = make(() => {
        throw new Error('unreadable');
      });
      assert.deepEqual(await exportOf(exporter, sampleSpans()), { code: 0 });
      assert.deepEqual(exporter.droppedEvents, { build_error: 1 });
      assert.equal(server.received.length, 0);
    });
    it('should survive a callback that throws', async () => {
      const logger = new TestDiagLogger();
      const undo = logger.install();
      try {
        const exporter = make(chainedErrorInfo);
        await new Promise<void>(resolve =>
          exporter.export(sampleSpans(), () => {
            resolve();
            throw new Error('callback bug');
          }),
        );
        await sleep(10);
        assert.match(logger.at('error')[0] ?? '', /the export callback threw/);
      } finally {
        undo();
      }
    });
  });

  describe('.shutdown', () => {
    it('should be idempotent and refuse later exports', async () => {
      const exporter = make(chainedErrorInfo);
      const first = exporter.shutdown();
      assert.equal(exporter.shutdown(), first);
      await first;
      const result = await exportOf(exporter, sampleSpans());
      assert.equal(result.code, 1);
      assert.equal(await exporter.sendErrorInfo(chainedErrorInfo()), false);
      assert.equal(server.received.length, 0);
    });
  });
});
