import { describe, it, afterEach, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import { Err } from '../../src/err/Err.ts';
import { runMiddleware, type Middleware } from '../../src/err/Middleware.ts';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import { TestDiagLogger } from './TestDiagLogger.ts';

const info = captureErrorInfo(new Error('through the chain'));
const tagged = (tag: string) => (current: ErrorInfo) => ({
  ...current,
  extra: { ...current.extra, [tag]: true },
});

describe('runMiddleware', () => {
  let logger: TestDiagLogger;
  let undo: () => void;
  beforeEach(() => {
    logger = new TestDiagLogger();
    undo = logger.install();
  });
  afterEach(() => undo());

  describe('synchronous steps', () => {
    const cases: [string, Middleware[], ErrorInfo | null][] = [
      ['no step keeps the report', [], info],
      ['a step returning nothing keeps it', [() => undefined], info],
      [
        'steps change it in order',
        [tagged('a'), { process: tagged('b') }],
        {
          ...info,
          extra: { a: true, b: true },
        },
      ],
      ['null drops it and stops the chain', [() => null, () => assert.fail('not reached')], null],
    ];
    for (const [label, chain, expected] of cases) {
      it(`should apply them at once: ${label}`, () => {
        assert.deepEqual(runMiddleware(chain, info), { sync: expected, settled: null });
      });
    }
  });

  describe('an asynchronous step', () => {
    it('should run the rest of the chain after it settles', async () => {
      const order: string[] = [];
      const result = runMiddleware(
        [
          current => (order.push('sync'), current),
          current => (order.push('async'), Promise.resolve(tagged('changed')(current))),
          current => void order.push(`after ${Object.keys(current.extra).join()}`),
        ],
        info,
      );
      assert.equal(result.sync, null);
      assert.deepEqual(order, ['sync', 'async']);
      assert.deepEqual((await result.settled)?.extra, { changed: true });
      assert.deepEqual(order, ['sync', 'async', 'after changed']);
    });

    it('should drop the report when it resolves to null', async () => {
      const chain: Middleware[] = [() => Promise.resolve(null), tagged('x')];
      assert.equal(await runMiddleware(chain, info).settled, null);
    });
  });

  describe('a failing step', () => {
    it('should be skipped and logged through diag when it throws', () => {
      const chain: Middleware[] = [
        () => {
          throw new Error('middleware bug');
        },
        tagged('next'),
      ];
      assert.deepEqual(runMiddleware(chain, info).sync?.extra, { next: true });
      assert.deepEqual(logger.at('warn'), ['warn: Err: a middleware threw: Error: middleware bug']);
    });

    it('should be skipped and logged through diag when it rejects', async () => {
      const chain: Middleware[] = [() => Promise.reject(new Error('async bug')), tagged('next')];
      assert.deepEqual((await runMiddleware(chain, info).settled)?.extra, { next: true });
      assert.deepEqual(logger.at('warn'), ['warn: Err: a middleware rejected: Error: async bug']);
    });
  });
});

describe('Err middleware', () => {
  let err = new Err();
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-err-mw-'));
  });
  afterEach(async () => {
    await err.shutdown();
    err = new Err();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const reports = () => fs.readdirSync(dir).filter(name => name.endsWith('.json'));
  const report = (fingerprint: string | null | undefined) =>
    fromJSON(fs.readFileSync(path.join(dir, `${String(fingerprint)}.json`), 'utf8'));

  describe('a step that modifies the report', () => {
    it('should have its version printed and written', t => {
      const printed: string[] = [];
      t.mock.method(process.stderr, 'write', (chunk: string) => printed.push(chunk) > 0);
      err.setup({
        locals: 'off',
        errorInfoPath: dir,
        format: current => `${current.exception.message} ${JSON.stringify(current.extra)}`,
        middleware: [tagged('tenant')],
      });
      const info = err.process(new Error('modified'));
      assert.deepEqual(printed, ['modified {"tenant":true}\n']);
      assert.deepEqual(report(info?.fingerprint).extra, { tenant: true });
    });
  });

  describe('a step that drops the report', () => {
    it('should stop printing, writing and the later steps', t => {
      const printed: string[] = [];
      t.mock.method(process.stderr, 'write', (chunk: string) => printed.push(chunk) > 0);
      const later: ErrorInfo[] = [];
      err.setup({ locals: 'off', errorInfoPath: dir, format: 'terse' });
      err.addMiddleware(() => null);
      err.addMiddleware(current => void later.push(current));
      assert.ok(err.process(new Error('dropped')));
      assert.deepEqual([printed, later, reports()], [[], [], []]);
    });
  });

  describe('an asynchronous step that fans the report out', () => {
    it('should write once it settles, and flush() should wait for it', async () => {
      const sink: string[] = [];
      err.setup({
        locals: 'off',
        format: null,
        errorInfoPath: dir,
        middleware: [
          {
            async process(current) {
              await new Promise(resolve => setTimeout(resolve, 20));
              sink.push(current.exception.message);
            },
          },
        ],
      });
      const info = err.process(new Error('fanned out'));
      assert.deepEqual([sink, reports()], [[], []]);
      await err.flush();
      assert.deepEqual(sink, ['fanned out']);
      assert.equal(report(info?.fingerprint).exception.message, 'fanned out');
    });
  });

  describe('a step that throws', () => {
    it('should be isolated: logged through diag, the report still written', () => {
      const logger = new TestDiagLogger();
      const undo = logger.install();
      try {
        err.setup({
          locals: 'off',
          format: null,
          errorInfoPath: dir,
          middleware: [
            () => {
              throw new Error('broken step');
            },
          ],
        });
        const info = err.process(new Error('still reported'));
        assert.equal(report(info?.fingerprint).exception.message, 'still reported');
        assert.ok(logger.at('warn').includes('warn: Err: a middleware threw: Error: broken step'));
      } finally {
        undo();
      }
    });
  });
});
