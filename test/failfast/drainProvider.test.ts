import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import { batchSpanProcessorsOf, widenBatches } from '../../src/failfast/batchInternals.ts';
import { drainProvider, isDrainable } from '../../src/failfast/drainProvider.ts';
import { TestSpanExporter } from '../err/TestSpanExporter.ts';
import { TestSlowExporter } from './TestSlowExporter.ts';

/** A batch processor that only exports when told to (no timer within a test). */
function batch(exporter: TestSpanExporter | TestSlowExporter, maxExportBatchSize: number) {
  return new BatchSpanProcessor({
    exporter,
    maxExportBatchSize,
    maxQueueSize: 100_000,
    scheduledDelayMillis: 60_000,
  });
}

function endSpans(provider: TracerProvider, count: number): void {
  const tracer = provider.getTracer('drain');
  for (let i = 0; i < count; i++) tracer.startSpan('queued').end();
}

describe('drainProvider', () => {
  describe('SDK internals it relies on (sdk-trace 3.x)', () => {
    it('should find exactly the batch span processors of a TracerProvider', () => {
      const batchA = batch(new TestSpanExporter(), 10);
      const batchB = batch(new TestSpanExporter(), 10);
      const processors: SpanProcessor[] = [
        new ExceptionSpanProcessor(),
        batchA,
        new SimpleSpanProcessor({ exporter: new TestSpanExporter() }),
        batchB,
      ];
      const found = batchSpanProcessorsOf(new TracerProvider({ spanProcessors: processors }));
      assert.deepEqual(found, [batchA, batchB]);
    });

    it('should find nothing in what is not an SDK provider', () => {
      for (const value of [null, {}, { _activeSpanProcessor: 42 }, { shutdown: () => {} }]) {
        assert.deepEqual(batchSpanProcessorsOf(value), []);
      }
    });
  });

  describe('widening batches', () => {
    it('should keep a queue within 20 requests and deliver every span', async () => {
      const exporter = new TestSpanExporter();
      const processor = batch(exporter, 10);
      const provider = new TracerProvider({ spanProcessors: [processor] });
      endSpans(provider, 2000);
      const calls = exporter.spans.length; // the first full batch leaves at once
      let exports = 0;
      const exportOne = exporter.export.bind(exporter);
      exporter.export = (spans, done) => {
        exports++;
        exportOne(spans, done);
      };
      await drainProvider(provider);
      assert.equal(exporter.spans.length, 2000);
      assert.ok(exports <= 20, `${exports} export calls for ${2000 - calls} queued spans`);
      assert.equal(exporter.shutDown, true);
    });

    it('should never shrink a batch size', () => {
      const processor = batchSpanProcessorsOf(
        new TracerProvider({ spanProcessors: [batch(new TestSpanExporter(), 512)] }),
      )[0]!;
      assert.equal(widenBatches(processor, 20), 512);
    });
  });

  describe('a shutdown that fails part-way', () => {
    it('should wait for the exports still in flight before passing the failure on', async () => {
      // The first batch leaves while spans are ended (in flight); at shutdown the second fails at once
      // and the third is in flight: shutdown() rejects before two batches have arrived.
      const exporter = new TestSlowExporter(80, 2);
      const provider = new TracerProvider({ spanProcessors: [batch(exporter, 100)] });
      endSpans(provider, 300);
      await assert.rejects(drainProvider(provider), /Concurrent export limit reached/);
      assert.equal(exporter.flushed, true);
      assert.equal(exporter.delivered.length, 200);
    });
  });

  describe('isDrainable', () => {
    it('should accept what has a shutdown method', () => {
      assert.equal(isDrainable(new TracerProvider()), true);
      assert.equal(isDrainable({ shutdown: () => Promise.resolve() }), true);
      for (const value of [null, undefined, {}, { shutdown: 1 }, 'x']) {
        assert.equal(isDrainable(value), false);
      }
    });
  });
});
