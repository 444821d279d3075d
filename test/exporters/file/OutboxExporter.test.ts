import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ErrorInfoFileExporter } from '../../../exporters/file/ErrorInfoFileExporter.ts';
import { OutboxExporter } from '../../../exporters/file/OutboxExporter.ts';
import { ExceptionSpanProcessor } from '../../../processors/ExceptionSpanProcessor.ts';
import { OtlpReceiver } from '../../helpers/otlp/OtlpReceiver.ts';
import { exportResult, openLedger, parseAmount, recordIn, thrownBy } from '../exporterPipeline.ts';
import { readReports, removeTemp, tempDir } from './reportFiles.ts';

/** Files first, then OTLP through the outbox wrapper, as the exporter's doc recommends. */
function outboxPipeline(dir: string, receiver: OtlpReceiver) {
  const files = new ErrorInfoFileExporter({ path: dir, fsync: false, destinations: ['otlp'] });
  const otlp = new OutboxExporter({
    exporter: new OTLPTraceExporter({ url: receiver.tracesUrl, timeoutMillis: 2000 }),
    destination: 'otlp',
    outbox: files,
  });
  const provider = new TracerProvider({
    spanProcessors: [
      new ExceptionSpanProcessor({ exceptionSignal: 'spans', locals: null }),
      new SimpleSpanProcessor({ exporter: files }),
      new SimpleSpanProcessor({ exporter: otlp }),
    ],
  });
  return { provider, tracer: provider.getTracer('outbox-test'), files };
}

function delivered(dir: string): unknown[] {
  return [...readReports(dir).values()].map(report => report.extra.delivered);
}

describe('OutboxExporter', () => {
  let root: string;
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    root = tempDir();
    receiver = await OtlpReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
    removeTemp(root);
  });

  describe('a destination that accepts the spans', () => {
    it('should record in each report when it was accepted', async () => {
      const dir = path.join(root, 'reports');
      const { provider, tracer } = outboxPipeline(dir, receiver);
      const before = Date.now();
      recordIn(
        tracer,
        thrownBy(() => parseAmount('a')),
      );
      recordIn(
        tracer,
        thrownBy(() => openLedger('b')),
      );
      await provider.forceFlush();
      await provider.shutdown();
      assert.equal(receiver.spans().length, 2);
      assert.equal(delivered(dir).length, 2);
      for (const record of delivered(dir)) {
        const at = Date.parse(String((record as { otlp: string }).otlp));
        assert.ok(at >= before - 1000 && at <= Date.now(), JSON.stringify(record));
      }
    });
  });

  describe('a destination that refuses them', () => {
    it('should leave the reports pending and pass the failure on', async () => {
      const dir = path.join(root, 'reports');
      receiver.respond({ status: 400 });
      const { provider, tracer, files } = outboxPipeline(dir, receiver);
      recordIn(
        tracer,
        thrownBy(() => parseAmount('a')),
      );
      await provider.forceFlush().catch(() => undefined);
      assert.deepEqual(delivered(dir), [{ otlp: null }]);
      const wrapped = new OutboxExporter({
        exporter: new OTLPTraceExporter({ url: receiver.tracesUrl }),
        destination: 'otlp',
        outbox: files.store,
      });
      const result = await exportResult(wrapped, []);
      assert.equal(result.code, ExportResultCode.FAILED);
      await wrapped.shutdown();
      await provider.shutdown().catch(() => undefined);
    });
  });
});
