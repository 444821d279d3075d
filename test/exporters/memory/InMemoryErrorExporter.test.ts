import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExportResultCode } from '@opentelemetry/core';
import { InMemoryErrorExporter } from '../../../exporters/memory/InMemoryErrorExporter.ts';
import type { ErrorInfo } from '../../../src/errorinfo/ErrorInfo.ts';
import { TestDiagCapture } from '../../store/TestDiagCapture.ts';
import {
  exportResult,
  openLedger,
  parseAmount,
  pipelineOf,
  recordIn,
  thrownBy,
} from '../exporterPipeline.ts';

describe('InMemoryErrorExporter', () => {
  describe('a test asserting on the reports', () => {
    it('should hold one report per exception, with the spans, through a SimpleSpanProcessor', () => {
      const errors = new InMemoryErrorExporter();
      const { tracer } = pipelineOf(errors);
      recordIn(
        tracer,
        thrownBy(() => parseAmount('a')),
      );
      tracer.startSpan('quiet').end();
      recordIn(
        tracer,
        thrownBy(() => openLedger('b')),
      );
      const infos = errors.getErrorInfos();
      assert.deepEqual(
        infos.map(info => [info.exception.type, info.exception.message, info.frames[0]?.function]),
        [
          ['TypeError', 'not an amount: a', 'parseAmount'],
          ['RangeError', 'no ledger named b', 'openLedger'],
        ],
      );
      assert.deepEqual(
        errors.getFinishedSpans().map(span => span.name),
        ['work', 'quiet', 'work'],
      );
      assert.equal(infos[0]?.trace?.spanId, errors.getFinishedSpans()[0]?.spanContext().spanId);
    });

    it('should hold them after a BatchSpanProcessor flush and after shutdown', async () => {
      const errors = new InMemoryErrorExporter();
      const { tracer, provider } = pipelineOf(errors, { batch: true });
      recordIn(
        tracer,
        thrownBy(() => parseAmount('a')),
      );
      assert.equal(errors.getErrorInfos().length, 0, 'not exported yet');
      await provider.shutdown();
      assert.equal(errors.getErrorInfos().length, 1);
      const result = await exportResult(errors, []);
      assert.equal(result.code, ExportResultCode.FAILED);
    });

    it("should give its own copies: changing one leaves the processor's report alone", () => {
      const reports: ErrorInfo[] = [];
      const errors = new InMemoryErrorExporter();
      const { tracer } = pipelineOf(errors, {
        processor: { onErrorInfo: info => reports.push(info), locals: null },
      });
      recordIn(
        tracer,
        thrownBy(() => parseAmount('a')),
      );
      const mine = errors.getErrorInfos()[0]!;
      mine.frames.length = 0;
      mine.exception.message = 'changed';
      assert.equal(reports[0]?.exception.message, 'not an amount: a');
      assert.ok((reports[0]?.frames.length ?? 0) > 0);
      assert.ok(mine.timestamp instanceof Date);
    });
  });

  describe('.reset', () => {
    it('should forget reports and spans', () => {
      const errors = new InMemoryErrorExporter();
      const { tracer } = pipelineOf(errors);
      recordIn(
        tracer,
        thrownBy(() => parseAmount('a')),
      );
      errors.reset();
      assert.deepEqual([errors.getErrorInfos(), errors.getFinishedSpans()], [[], []]);
    });
  });

  describe('the limit', () => {
    it('should keep the newest reports and spans', () => {
      const errors = new InMemoryErrorExporter({ limit: 2 });
      const { tracer } = pipelineOf(errors);
      for (const text of ['a', 'b', 'c'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      assert.deepEqual(
        errors.getErrorInfos().map(info => info.exception.message),
        ['not an amount: b', 'not an amount: c'],
      );
      assert.equal(errors.getFinishedSpans().length, 2);
    });

    it('should warn and use the default for a limit that is not a positive integer', () => {
      const diag = new TestDiagCapture().install();
      try {
        const errors = new InMemoryErrorExporter({ limit: -1 });
        const { tracer } = pipelineOf(errors);
        for (const text of ['a', 'b'])
          recordIn(
            tracer,
            thrownBy(() => parseAmount(text)),
          );
        assert.equal(errors.getErrorInfos().length, 2);
        assert.ok(diag.of('warn').some(message => message.includes('limit: -1')));
      } finally {
        diag.uninstall();
      }
    });
  });
});
