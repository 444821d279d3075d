import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChainedException, ExceptionInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { chainItems, frameJson, localsItems, sourceItems } from '../../processors/jsonItems.ts';

function frame(overrides: Partial<Frame> = {}): Frame {
  return {
    function: 'fn',
    alias: null,
    file: '/app/a.ts',
    line: 3,
    column: 5,
    async: false,
    isConstructor: false,
    native: false,
    eval: false,
    evalOrigin: null,
    promiseIndex: null,
    module: 'a',
    inApp: true,
    generated: null,
    source: null,
    locals: null,
    ...overrides,
  };
}

function exception(type: string, links: Partial<ExceptionInfo> = {}): ChainedException {
  return {
    type,
    message: `${type} message`,
    kind: 'error',
    code: null,
    errno: null,
    syscall: null,
    path: null,
    stack: null,
    cause: null,
    errors: [],
    truncated: false,
    frames: [frame({ function: `in${type}` })],
    ...links,
  };
}

describe('jsonItems', () => {
  describe('frameJson', () => {
    it('should leave out null and false fields and keep set flags', () => {
      assert.deepEqual(frameJson(frame({ async: true, isConstructor: true, module: null })), {
        function: 'fn',
        file: '/app/a.ts',
        line: 3,
        column: 5,
        inApp: true,
        async: true,
        isConstructor: true,
      });
    });

    it('should keep an eval origin and a promise index', () => {
      const json = frameJson(
        frame({
          eval: true,
          evalOrigin: { function: 'run', file: '/app/b.js', line: 1, column: 2 },
          promiseIndex: 4,
        }),
      );
      assert.deepEqual(json.evalOrigin, { function: 'run', file: '/app/b.js', line: 1, column: 2 });
      assert.equal(json.promiseIndex, 4);
    });

    it('should clip very long names', () => {
      const json = frameJson(frame({ function: 'x'.repeat(2000) }));
      assert.equal((json.function as string).length, 512);
    });
  });

  describe('chainItems', () => {
    it('should walk causes and AggregateError members pre-order, each with a frameless fallback', () => {
      const top = exception('Top', {
        cause: exception('Cause', { cause: exception('Root') }),
        errors: [exception('First', { cause: exception('FirstCause') }), exception('Second')],
      });
      const items = chainItems(top);
      const heads = items.map(
        variants => JSON.parse(variants[1]!) as { path: string; type: string },
      );
      assert.deepEqual(
        heads.map(head => `${head.path}=${head.type}`),
        [
          'cause=Cause',
          'cause.cause=Root',
          'errors[0]=First',
          'errors[0].cause=FirstCause',
          'errors[1]=Second',
        ],
      );
      const full = JSON.parse(items[0]![0]!) as { frames: { function: string }[] };
      assert.equal(full.frames[0]?.function, 'inCause');
    });

    it('should keep a code and a non-error kind', () => {
      const top = exception('Top', {
        cause: { ...exception('string'), kind: 'string', code: 'E_X' },
      });
      const head = JSON.parse(chainItems(top)[0]![1]!) as Record<string, unknown>;
      assert.equal(head.kind, 'string');
      assert.equal(head.code, 'E_X');
    });
  });

  describe('sourceItems', () => {
    it('should give in-app frames with source, falling back to the current line', () => {
      const source = { firstLine: 9, currentLine: 10, lines: ['a();', 'throw x;', 'b();'] };
      const items = sourceItems([
        frame({ inApp: false, source }),
        frame({ source }),
        frame({ source: null }),
      ]);
      assert.equal(items.length, 1);
      assert.deepEqual(JSON.parse(items[0]![0]!), { frame: 1, ...source });
      assert.deepEqual(JSON.parse(items[0]![1]!), {
        frame: 1,
        firstLine: 10,
        currentLine: 10,
        lines: ['throw x;'],
      });
    });
  });

  describe('localsItems', () => {
    it('should index locals by frame', () => {
      const items = localsItems([frame(), frame({ locals: { id: 7 } })]);
      assert.deepEqual(
        items.map(variants => JSON.parse(variants[0]!) as unknown),
        [{ frame: 1, locals: { id: 7 } }],
      );
    });
  });
});
