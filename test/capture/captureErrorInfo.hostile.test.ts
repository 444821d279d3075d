// End-to-end: chains, AggregateError, non-Error throws, hostile getters, system errors and
// messages that look like frames, each scenario a real child process running
// test/fixtures/capture/app/main.mjs.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import type { ExceptionInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { appPath, positionIn, runCaptureFixture, type CaptureRun } from './runCaptureFixture.ts';

const scenariosUrl = pathToFileURL(appPath('scenarios.mjs')).href;

/** Function, file, line and column of the top frame. */
function top(frames: readonly Frame[]) {
  const frame = frames[0];
  assert.ok(frame, 'no frame');
  return [frame.function, frame.file, frame.line, frame.column];
}

function throwSite(fn: string, text: string) {
  const { line, column } = positionIn('scenarios.mjs', text);
  return [fn, scenariosUrl, line, column];
}

function fields(exception: ExceptionInfo) {
  const { type, message, kind, code, errno, syscall, path } = exception;
  return { type, message, kind, code, errno, syscall, path };
}

const plainFields = { kind: 'error', code: null, errno: null, syscall: null, path: null } as const;

describe('captureErrorInfo', () => {
  describe('cause chains', () => {
    it('should keep every link with its own frames', async () => {
      const { infos } = await runCaptureFixture('esm', { scenario: 'causeChain' });
      const info = infos[0];
      const middle = info?.exception.cause;
      const root = middle?.cause;
      assert.ok(info && middle && root);
      assert.deepEqual(
        [info.exception.message, middle.message, root.message, root.cause],
        ['request failed', 'query failed', 'connection refused', null],
      );
      assert.deepEqual(
        top(info.frames),
        throwSite('Module.handleRequest', "new Error('request failed'"),
      );
      assert.deepEqual(top(middle.frames), throwSite('query', "new Error('query failed'"));
      assert.deepEqual(top(root.frames), throwSite('connect', "new Error('connection refused')"));
      assert.ok(root.frames.every(frame => frame.source !== null || !frame.inApp));
      assert.equal(info.exception.truncated, false);
    });

    it('should cut the chain at maxCauseDepth and mark the cut', async () => {
      const { infos } = await runCaptureFixture('esm', {
        scenario: 'causeChain',
        options: { maxCauseDepth: 1 },
      });
      const middle = infos[0]?.exception.cause;
      assert.ok(middle);
      assert.deepEqual(
        [middle.message, middle.cause, middle.truncated],
        ['query failed', null, true],
      );
    });
  });

  describe('AggregateError', () => {
    it('should keep each member with its own frames', async () => {
      const { infos } = await runCaptureFixture('esm', { scenario: 'aggregate' });
      const info = infos[0];
      assert.ok(info);
      assert.deepEqual(fields(info.exception), {
        ...plainFields,
        type: 'AggregateError',
        message: 'batch failed',
      });
      assert.deepEqual(top(info.frames), throwSite('Module.runBatch', 'new AggregateError'));
      const [first, second] = info.exception.errors;
      assert.ok(first && second);
      assert.deepEqual(
        [first.type, first.message, second.type, second.message],
        ['TypeError', 'first member', 'RangeError', 'second member'],
      );
      assert.deepEqual(top(first.frames), throwSite('failFirst', "new TypeError('first member')"));
      assert.deepEqual(
        top(second.frames),
        throwSite('failSecond', "new RangeError('second member')"),
      );
    });
  });

  describe('values that are not errors', () => {
    const cases = [
      ['a string', { type: 'string', message: 'a thrown string', kind: 'string' }],
      ['null', { type: 'null', message: 'null', kind: 'null' }],
      ['a Symbol', { type: 'symbol', message: 'Symbol(thrown)', kind: 'symbol' }],
      [
        'a plain object',
        { type: 'Object', message: '{ reason: "plain object", retry: false }', kind: 'object' },
      ],
      ['a revoked Proxy', { type: 'Object', message: '[object Object]', kind: 'object' }],
    ] as const;

    it('should capture each without throwing, with a type, a message and no frames', async () => {
      const { infos } = await runCaptureFixture('esm', { scenario: 'hostile' });
      assert.equal(infos.length, cases.length);
      cases.forEach(([name, expected], index) => {
        const info = infos[index];
        assert.ok(info, name);
        assert.deepEqual(
          fields(info.exception),
          { code: null, errno: null, syscall: null, path: null, ...expected },
          name,
        );
        assert.deepEqual([info.frames, info.exception.stack], [[], null], name);
        assert.match(info.fingerprint ?? '', /^[0-9a-f-]{36}$/, name);
      });
    });
  });

  describe('errors with throwing getters', () => {
    let run: CaptureRun;
    before(async () => {
      run = await runCaptureFixture('esm', { scenario: 'getters' });
    });

    it('should run each getter at most once and keep what is readable', () => {
      const getters = run.infos[0];
      assert.ok(getters);
      assert.deepEqual(
        [getters.exception.type, getters.exception.message, getters.exception.code],
        ['Error', '', null],
      );
      assert.deepEqual([getters.exception.cause, getters.exception.truncated], [null, false]);
      assert.deepEqual(
        top(getters.frames),
        throwSite('Module.hostileGetters', "new Error('hidden')"),
      );
      // `message` is also read by Node's stack formatter; `code` and `cause` only by capture.
      assert.deepEqual([run.probe.hostileReads.code, run.probe.hostileReads.cause], [1, 1]);
    });

    it('should give an error whose stack getter throws no frames', () => {
      const stackless = run.infos[1];
      assert.ok(stackless);
      assert.deepEqual(
        [stackless.exception.message, stackless.exception.stack, stackless.frames],
        ['no stack', null, []],
      );
    });
  });

  describe('system errors', () => {
    it('should keep code, errno, syscall and path, with node: frames not in-app', async () => {
      const { infos } = await runCaptureFixture('esm', { scenario: 'systemError' });
      const info = infos[0];
      assert.ok(info);
      const path = '/nonexistent/otel-err-fixture.txt';
      assert.deepEqual(fields(info.exception), {
        type: 'Error',
        message: `ENOENT: no such file or directory, open '${path}'`,
        kind: 'error',
        code: 'ENOENT',
        errno: -2,
        syscall: 'open',
        path,
      });
      const firstApp = info.frames.findIndex(frame => frame.inApp);
      assert.ok(firstApp > 0);
      assert.ok(info.frames.slice(0, firstApp).every(frame => frame.module === 'node:fs'));
      assert.equal(info.frames[firstApp]?.module, 'main');
    });
  });

  describe('messages that look like frames', () => {
    const message = 'bad input\n    at fake (/x.js:1:2)';

    it('should read no fake frame, from CallSites or from the text', async () => {
      const { infos } = await runCaptureFixture('esm', { scenario: 'twins', message });
      assert.equal(infos.length, 2);
      for (const [path, info] of [
        ['live', infos[0]],
        ['text', infos[1]],
      ] as const) {
        assert.ok(info, path);
        assert.equal(info.exception.message, message, path);
        assert.ok(info.exception.stack?.includes('at fake (/x.js:1:2)'), path);
        assert.ok(
          !info.frames.some(frame => frame.file === '/x.js' || frame.function === 'fake'),
          path,
        );
        assert.deepEqual(
          top(info.frames),
          throwSite('Module.throwPlain', 'new Error(message)'),
          path,
        );
      }
      assert.deepEqual(infos[1]?.frames, infos[0]?.frames);
    });

    it('should read no fake frame in CommonJS either', async () => {
      const { infos } = await runCaptureFixture('cjs', { scenario: 'twins', message });
      for (const info of infos) {
        assert.ok(!info.frames.some(frame => frame.file === '/x.js'));
        assert.equal(info.frames[0]?.function, 'throwPlain');
      }
    });
  });
});
