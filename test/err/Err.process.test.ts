import { describe, it, afterEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { context, trace } from '@opentelemetry/api';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  StackContextManager,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import { Err } from '../../src/err/Err.ts';
import type { ErrOptions } from '../../src/err/ErrOptions.ts';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import { TestSpanExporter } from './TestSpanExporter.ts';

const QUIET: ErrOptions = { format: null, locals: 'off' };

function readReport(dir: string, fingerprint: string | null | undefined): ErrorInfo {
  return fromJSON(fs.readFileSync(path.join(dir, `${String(fingerprint)}.json`), 'utf8'));
}

describe('Err', () => {
  let err = new Err();
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-err-process-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await err.shutdown();
    err = new Err();
  });

  describe('.process of values that are not Errors', () => {
    const cases: [string, unknown, string, string][] = [
      ['a string', 'plain words', 'string', 'plain words'],
      ['null', null, 'null', 'null'],
      ['an object', { code: 'E_CUSTOM', message: 'an object' }, 'object', 'an object'],
      ['a Symbol', Symbol('marker'), 'symbol', 'Symbol(marker)'],
      ['a number', 42, 'number', '42'],
      ['undefined', undefined, 'undefined', 'undefined'],
    ];
    for (const [label, value, kind, message] of cases) {
      it(`should report ${label} on a new span and pass it through middleware`, async () => {
        const exporter = new TestSpanExporter();
        const seen: ErrorInfo[] = [];
        err.setup({
          ...QUIET,
          middleware: [info => void seen.push(info)],
          spanProcessors: [new BatchSpanProcessor({ exporter })],
        });
        const info = err.process(value);
        assert.ok(info);
        assert.equal(info.exception.kind, kind);
        assert.equal(info.exception.message, message);
        assert.match(String(info.fingerprint), /^[0-9a-f]{8}-[0-9a-f]{4}-5/);
        assert.deepEqual(seen, [info]);
        await err.flush();
        assert.equal(exporter.spans.length, 1);
        assert.equal(exporter.spans[0]?.spanContext().traceId, info.trace?.traceId);
      });
    }
  });

  describe('.process inside an active span', () => {
    it('should record on that span and leave it open', async () => {
      const exporter = new TestSpanExporter();
      const provider = new TracerProvider({
        spanProcessors: [new ExceptionSpanProcessor(), new SimpleSpanProcessor({ exporter })],
      });
      const contextManager = new StackContextManager().enable();
      context.setGlobalContextManager(contextManager);
      trace.setGlobalTracerProvider(provider);
      try {
        err.setup(QUIET);
        const outer = provider.getTracer('test').startActiveSpan('outer', span => {
          const info = err.process(new Error('inside'));
          assert.equal(span.isRecording(), true);
          span.end();
          return { span, info };
        });
        assert.equal(outer.info?.trace?.spanId, outer.span.spanContext().spanId);
        const [exported] = exporter.spans;
        assert.equal(exporter.spans.length, 1);
        assert.equal(exported?.name, 'outer');
        assert.equal(
          exported.events[0]?.attributes?.['otel_err.fingerprint'],
          outer.info?.fingerprint,
        );
      } finally {
        trace.disable();
        context.disable();
        await provider.shutdown();
      }
    });
  });

  describe('.process before setup', () => {
    it('should only capture, with no trace', () => {
      const info = err.process(new Error('not set up'));
      assert.equal(info?.exception.message, 'not set up');
      assert.equal(info?.trace, null);
    });
  });

  describe('.process with a crash-file directory', () => {
    it('should write the first occurrence at once and count the next ones by flush', async () => {
      err.setup({ ...QUIET, errorInfoPath: dir });
      const thrown = () => new Error('counted');
      const first = err.process(thrown());
      assert.equal(readReport(dir, first?.fingerprint).count, 1);
      err.process(thrown());
      await err.flush();
      const report = readReport(dir, first?.fingerprint);
      assert.equal(report.count, 2);
      assert.ok(report.frames.length > 0);
      assert.equal(report.exception.message, 'counted');
    });
  });

  describe('.process with a format', () => {
    it('should print each report to stderr with the formatter', t => {
      const written: string[] = [];
      t.mock.method(process.stderr, 'write', (chunk: string) => written.push(chunk) > 0);
      err.setup({ ...QUIET, format: info => `CUSTOM ${info.exception.message}` });
      err.process(new Error('printed'));
      assert.deepEqual(written, ['CUSTOM printed\n']);
    });

    it('should print nothing for a caught error when format is null', t => {
      const written: string[] = [];
      t.mock.method(process.stderr, 'write', (chunk: string) => written.push(chunk) > 0);
      err.setup(QUIET);
      err.process(new Error('silent'));
      assert.deepEqual(written, []);
    });
  });
});
