import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Debugger } from 'node:inspector';
import { readFrames, selectFrames, type FrameReaderDeps } from '../../src/locals/readFrames.ts';
import { createRedactor } from '../../src/locals/redact.ts';
import type { RenderContext } from '../../src/locals/serialize.ts';

type ScopeSpec = [type: string, vars: Record<string, unknown>];

const objects = new Map<string, unknown>();
let nextId = 0;

function callFrame(
  scriptId: string,
  fn: string,
  scopes: ScopeSpec[],
  self: Partial<Debugger.CallFrame['this']> = { type: 'undefined' },
): Debugger.CallFrame {
  return {
    callFrameId: `frame-${nextId++}`,
    functionName: fn,
    location: { scriptId, lineNumber: 9, columnNumber: 4 },
    url: '',
    scopeChain: scopes.map(([type, vars]) => {
      const objectId = `object-${nextId++}`;
      objects.set(objectId, Object.assign(Object.create(null) as object, vars));
      return { type, object: { type: 'object', objectId } };
    }),
    this: { type: 'undefined', ...self },
  };
}

const urls: Record<string, string> = {
  app: 'file:///app/main.js',
  lib: 'file:///app/node_modules/lib/index.js',
  node: 'node:internal/timers',
};

function deps(maxFrames = 5, calls: string[][] = []): FrameReaderDeps {
  return {
    scriptUrl: id => urls[id],
    isInApp: url => url.startsWith('file:') && !url.includes('/node_modules/'),
    materialize: objectIds => {
      calls.push([...objectIds]);
      return objectIds.map(id => objects.get(id) ?? `value of ${id}`);
    },
    maxFrames,
    maxVariables: 50,
  };
}

function context(bytes = 100_000): RenderContext {
  return {
    limits: { maxDepth: 3, maxProperties: 20, maxArrayItems: 20, maxStringLength: 256 },
    redactor: createRedactor(true),
    remaining: bytes,
    truncated: false,
  };
}

describe('readFrames', () => {
  describe('selectFrames', () => {
    it('should take the throwing frame even outside the app, then in-app frames up to maxFrames', () => {
      const frames = [
        callFrame('lib', 'inLib', []),
        callFrame('node', 'listOnTimeout', []),
        callFrame('app', 'a', []),
        callFrame('app', 'b', []),
        callFrame('app', 'c', []),
      ];
      assert.deepEqual(
        selectFrames(frames, deps(2)).map(s => [s.index, s.frame.functionName, s.file]),
        [
          [0, 'inLib', '/app/node_modules/lib/index.js'],
          [2, 'a', '/app/main.js'],
          [3, 'b', '/app/main.js'],
        ],
      );
    });

    it('should never take a node: built-in or a script without URL', () => {
      const frames = [
        callFrame('node', 'openSync', []),
        callFrame('eval', 'evaluated', []),
        callFrame('app', 'a', []),
      ];
      assert.deepEqual(
        selectFrames(frames, deps()).map(s => s.frame.functionName),
        ['a'],
      );
    });
  });

  describe('scopes', () => {
    it("should read inner blocks and the function's scope, inner names winning, and summarise this", () => {
      const frames = [
        callFrame(
          'app',
          'handler',
          [
            ['block', { i: 2, shadowed: 'inner' }],
            ['local', { shadowed: 'outer', req: { url: '/x' } }],
            ['module', { moduleVar: 1 }],
          ],
          { type: 'object', className: 'Router' },
        ),
      ];
      const [frame] = readFrames(frames, deps(), context()).frames;
      assert.deepEqual(frame?.locals, {
        i: 2,
        shadowed: 'inner',
        req: { url: '/x' },
        this: 'Router {…}',
      });
      assert.deepEqual(
        [frame?.function, frame?.line, frame?.column, frame?.file],
        ['handler', 10, 5, '/app/main.js'],
      );
    });

    it('should add the closure of the throwing frame only, and not blocks that enclose the function', () => {
      const frames = [
        callFrame('app', 'inner', [
          ['local', { a: 1 }],
          ['block', { enclosing: true }],
          ['closure', { b: 2 }],
        ]),
        callFrame('app', 'outer', [
          ['local', { c: 3 }],
          ['closure', { d: 4 }],
        ]),
      ];
      const [inner, outer] = readFrames(frames, deps(), context()).frames;
      assert.deepEqual(inner?.locals, { a: 1, '[[closure]]': { enclosing: true } });
      assert.deepEqual(outer?.locals, { c: 3 });
    });

    it('should leave out a frame with no scope of its own (top-level ESM code)', () => {
      const frames = [
        callFrame('app', 'a', [['local', { a: 1 }]]),
        callFrame('app', '', [['module', { m: 1 }]]),
      ];
      assert.deepEqual(
        readFrames(frames, deps(), context()).frames.map(f => f.function),
        ['a'],
      );
    });

    it('should leave out the CommonJS wrapper parameters', () => {
      const wrapper = {
        exports: {},
        require: () => 1,
        module: {},
        __filename: '/a',
        __dirname: '/',
        config: 1,
      };
      const [frame] = readFrames(
        [callFrame('app', '', [['local', wrapper]])],
        deps(),
        context(),
      ).frames;
      assert.deepEqual(frame?.locals, { config: 1 });
      assert.equal(frame?.function, null);
    });

    it('should fetch the extra ids and every scope in one round trip, extras first', () => {
      const calls: string[][] = [];
      const frames = [
        callFrame('app', 'a', [
          ['block', { b: 1 }],
          ['local', { a: 1 }],
        ]),
        callFrame('app', 'b', [['local', { c: 1 }]]),
      ];
      const { frames: out, extra } = readFrames(frames, deps(5, calls), context(), ['thrown-id']);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]?.length, 4);
      assert.deepEqual(extra, ['value of thrown-id']);
      assert.deepEqual(
        out.map(f => f.locals),
        [{ b: 1, a: 1 }, { c: 1 }],
      );
    });

    it('should stop rendering frames once the byte budget is spent', () => {
      const big = { text: 'x'.repeat(200) };
      const frames = [
        callFrame('app', 'a', [['local', big]]),
        callFrame('app', 'b', [['local', big]]),
        callFrame('app', 'c', [['local', big]]),
      ];
      const ctx = context(150);
      const { frames: out } = readFrames(frames, deps(), ctx);
      assert.equal(out.length, 1);
      assert.equal(ctx.truncated, true);
    });
  });
});
