import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import {
  ErrorInfoFileExporter,
  FILE_EXPORTER_DEFAULTS,
} from '../../../exporters/file/ErrorInfoFileExporter.ts';
import { ErrorInfoStore } from '../../../src/store/ErrorInfoStore.ts';
import {
  exportResult,
  openLedger,
  parseAmount,
  pipelineOf,
  recordIn,
  SERVICE,
  thrownBy,
} from '../exporterPipeline.ts';
import { readReports, removeTemp, reportNames, tempDir } from './reportFiles.ts';

describe('ErrorInfoFileExporter', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = tempDir();
    dir = path.join(root, 'reports');
  });
  afterEach(() => removeTemp(root));

  describe('occurrences through a SimpleSpanProcessor', () => {
    it('should write one file per fingerprint, 0600 in a 0700 directory, with the counts', async () => {
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false });
      const { tracer, provider } = pipelineOf(exporter);
      for (const text of ['a', 'b', 'c'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      recordIn(
        tracer,
        thrownBy(() => openLedger('main')),
      );
      assert.equal(reportNames(dir).length, 2, 'first occurrences are on disk at once');
      await provider.shutdown();
      const reports = [...readReports(dir).values()].sort((a, b) => b.count - a.count);
      assert.deepEqual(
        reports.map(report => [report.exception.type, report.count]),
        [
          ['TypeError', 3],
          ['RangeError', 1],
        ],
      );
      const amounts = reports[0]!;
      assert.equal(amounts.exception.message, 'not an amount: a', 'the first report is kept');
      assert.ok(amounts.lastSeen.getTime() >= amounts.firstSeen.getTime());
      assert.equal(amounts.name, SERVICE.name);
      assert.equal(amounts.version, SERVICE.version);
      assert.equal(amounts.frames[0]?.function, 'parseAmount');
      assert.match(amounts.trace?.traceId ?? '', /^[0-9a-f]{32}$/);
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      for (const name of reportNames(dir)) {
        assert.equal(fs.statSync(path.join(dir, name)).mode & 0o777, 0o600, name);
      }
    });

    it('should write every occurrence at once with flushIntervalMs 0', async () => {
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false, flushIntervalMs: 0 });
      const { tracer } = pipelineOf(exporter);
      for (const text of ['a', 'b'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      assert.deepEqual(
        [...readReports(dir).values()].map(report => report.count),
        [2],
      );
      await exporter.shutdown();
    });

    it('should count an error recorded on a child span and its parent once', async () => {
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false });
      const { tracer, provider } = pipelineOf(exporter);
      const error = thrownBy(() => openLedger('x'));
      const parent = tracer.startSpan('request');
      const child = tracer.startSpan('load', {}, trace.setSpan(context.active(), parent));
      child.recordException(error);
      child.end();
      parent.recordException(error);
      parent.end();
      await provider.shutdown();
      assert.deepEqual(
        [...readReports(dir).values()].map(report => report.count),
        [1],
      );
    });

    it('should create nothing for spans without exceptions', async () => {
      const exporter = new ErrorInfoFileExporter({ path: dir });
      const { tracer, provider } = pipelineOf(exporter);
      tracer.startSpan('quiet').end();
      await provider.shutdown();
      assert.equal(fs.existsSync(dir), false);
    });
  });

  describe('compress: gzip', () => {
    it('should write <fingerprint>.json.gz reports that decode', async () => {
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false, compress: 'gzip' });
      const { tracer, provider } = pipelineOf(exporter);
      for (const text of ['a', 'b'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      await provider.shutdown();
      const [name] = reportNames(dir);
      assert.match(name ?? '', /^[0-9a-f-]{36}\.json\.gz$/);
      assert.equal([...readReports(dir).values()][0]?.count, 2);
    });
  });

  describe('through a BatchSpanProcessor', () => {
    it('should write the same reports once the batch is exported', async () => {
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false });
      const { tracer, provider } = pipelineOf(exporter, { batch: true });
      for (const text of ['a', 'b', 'c'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      await provider.forceFlush();
      await exporter.forceFlush();
      assert.deepEqual(
        [...readReports(dir).values()].map(report => report.count),
        [3],
      );
      await provider.shutdown();
    });
  });

  describe('plain SDK events (no ExceptionSpanProcessor)', () => {
    it('should store them under the fingerprint err list derives for them', async () => {
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false });
      const { tracer, provider } = pipelineOf(exporter, { processor: false });
      for (const text of ['a', 'b'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      await provider.shutdown();
      const reports = [...readReports(dir).values()];
      assert.deepEqual(
        reports.map(report => [report.exception.type, report.count, report.frames[0]?.function]),
        [['TypeError', 2, 'parseAmount']],
      );
    });
  });

  describe('options', () => {
    it('should share a given store and default the directory like the err CLI', async () => {
      const store = new ErrorInfoStore({ path: dir, fsync: false });
      const exporter = new ErrorInfoFileExporter({ store, path: '/ignored' });
      assert.equal(exporter.store, store);
      const { tracer, provider } = pipelineOf(exporter);
      recordIn(
        tracer,
        thrownBy(() => openLedger('y')),
      );
      await provider.shutdown();
      assert.equal(reportNames(dir).length, 1);
      const saved = process.env.ERR_PATH;
      process.env.ERR_PATH = path.join(root, 'from-env');
      try {
        assert.equal(FILE_EXPORTER_DEFAULTS.path(), path.join(root, 'from-env'));
        assert.equal(
          new ErrorInfoFileExporter({ flushOnExit: false }).store.path,
          process.env.ERR_PATH,
        );
      } finally {
        if (saved === undefined) delete process.env.ERR_PATH;
        else process.env.ERR_PATH = saved;
      }
    });

    it('should record the configured destinations as pending in each report', async () => {
      const exporter = new ErrorInfoFileExporter({
        path: dir,
        fsync: false,
        destinations: ['otlp'],
      });
      const { tracer, provider } = pipelineOf(exporter);
      recordIn(
        tracer,
        thrownBy(() => openLedger('z')),
      );
      await provider.shutdown();
      assert.deepEqual([...readReports(dir).values()][0]?.extra.delivered, { otlp: null });
    });
  });

  describe('.shutdown', () => {
    it('should flush, then fail later exports; twice is harmless', async () => {
      const exporter = new ErrorInfoFileExporter({ path: dir, fsync: false });
      const { tracer } = pipelineOf(exporter);
      for (const text of ['a', 'b'])
        recordIn(
          tracer,
          thrownBy(() => parseAmount(text)),
        );
      await exporter.shutdown();
      await exporter.shutdown();
      assert.equal([...readReports(dir).values()][0]?.count, 2);
      const result = await exportResult(exporter, []);
      assert.equal(result.code, ExportResultCode.FAILED);
      assert.match(result.error?.message ?? '', /shut down/);
    });
  });
});
