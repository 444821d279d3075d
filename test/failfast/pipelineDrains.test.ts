import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { logs, trace } from '@opentelemetry/api';
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  type LogRecordExporter,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { pipelineDrains } from '../../src/failfast/pipelineDrains.ts';
import { TestSpanExporter } from '../err/TestSpanExporter.ts';

/** A log exporter that keeps what it is given, also after shutdown. */
function logExporter() {
  const kept = { records: [] as ReadableLogRecord[], shutDown: false };
  const exporter: LogRecordExporter = {
    export: (records, done) => {
      kept.records.push(...records);
      done({ code: 0 });
    },
    shutdown: () => {
      kept.shutDown = true;
      return Promise.resolve();
    },
    forceFlush: () => Promise.resolve(),
  };
  return { kept, exporter };
}

function tracing() {
  const exporter = new TestSpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 60_000 })],
  });
  return { exporter, provider };
}

describe('pipelineDrains', () => {
  afterEach(() => {
    trace.disable();
    logs.disable();
  });

  describe('with nothing registered', () => {
    it('should drain only the pipelines given', async () => {
      const own = tracing();
      const drains = pipelineDrains([own.provider, { not: 'a provider' }]);
      assert.equal(drains.length, 1);
      own.provider.getTracer('t').startSpan('queued').end();
      await drains[0]!();
      assert.equal(own.exporter.spans.length, 1);
      assert.equal(own.exporter.shutDown, true);
    });
  });

  describe('with registered tracer and logger providers', () => {
    it("should drain each once, the application's and its own", async () => {
      const registered = tracing();
      const own = tracing();
      trace.setGlobalTracerProvider(registered.provider);
      const logged = logExporter();
      const loggerProvider = new LoggerProvider({
        processors: [
          new BatchLogRecordProcessor({ exporter: logged.exporter, scheduledDelayMillis: 60_000 }),
        ],
      });
      logs.setGlobalLoggerProvider(loggerProvider);

      const drains = pipelineDrains([own.provider, registered.provider]);
      assert.equal(drains.length, 3);
      registered.provider.getTracer('t').startSpan('queued').end();
      logs.getLogger('app').emit({ body: 'queued' });
      await Promise.all(drains.map(drain => drain()));
      assert.deepEqual(
        [registered.exporter.spans.length, logged.kept.records.length],
        [1, 1],
        'queued span and log record delivered',
      );
      assert.deepEqual(
        [registered.exporter.shutDown, own.exporter.shutDown, logged.kept.shutDown],
        [true, true, true],
      );
    });
  });
});
