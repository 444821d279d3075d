import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { errorInfosOf } from '../../exporters/errorInfosOf.ts';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { openLedger, parseAmount, pipelineOf, recordIn, thrownBy } from './exporterPipeline.ts';

describe('errorInfosOf', () => {
  describe('one error recorded on a child span and on its parent', () => {
    it('should give its report once, across batches', () => {
      const exporter = new InMemorySpanExporter();
      const { tracer } = pipelineOf(exporter);
      const error = thrownBy(() => openLedger('main'));
      const parent = tracer.startSpan('request');
      const child = tracer.startSpan('load', {}, trace.setSpan(context.active(), parent));
      child.recordException(error);
      child.end();
      parent.recordException(error);
      parent.end();
      const [first, second] = exporter.getFinishedSpans();
      const seen = new WeakSet<ErrorInfo>();
      const infos = [...errorInfosOf([first!], seen), ...errorInfosOf([second!], seen)];
      assert.equal(infos.length, 1);
      assert.equal(infos[0]?.exception.type, 'RangeError');
    });
  });

  describe('distinct errors of one bug', () => {
    it('should give one report per occurrence, in span order', () => {
      const exporter = new InMemorySpanExporter();
      const { tracer } = pipelineOf(exporter);
      for (const text of ['a', 'b', 'c'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      const infos = errorInfosOf(exporter.getFinishedSpans(), new WeakSet());
      assert.deepEqual(
        infos.map(info => info.exception.message),
        ['not an amount: a', 'not an amount: b', 'not an amount: c'],
      );
      assert.equal(new Set(infos.map(info => info.fingerprint)).size, 1);
    });
  });

  describe('spans without exceptions', () => {
    it('should give nothing', () => {
      const exporter = new InMemorySpanExporter();
      const { tracer } = pipelineOf(exporter);
      tracer.startSpan('quiet').addEvent('tick').end();
      assert.deepEqual(errorInfosOf(exporter.getFinishedSpans(), new WeakSet()), []);
    });
  });
});
