import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StackFrame } from '../../src/stack/StackFrame.ts';
import { parseStack } from '../../src/stack/parseStack.ts';
import { stackFrame } from '../helpers/model.ts';

// `constructor` cannot be an optional key of an object literal type (every object has one).
type Fields = Partial<StackFrame>;

function frame(fields: Fields): StackFrame {
  return stackFrame(fields);
}

const conventions: [string, string, StackFrame][] = [
  [
    'a named function',
    'at foo (/app/a.js:1:2)',
    frame({ function: 'foo', file: '/app/a.js', line: 1, column: 2 }),
  ],
  [
    'an anonymous function as null',
    'at /app/a.js:1:2',
    frame({ file: '/app/a.js', line: 1, column: 2 }),
  ],
  [
    'Object.<anonymous> as printed',
    'at Object.<anonymous> (/a.js:3:4)',
    frame({ function: 'Object.<anonymous>', file: '/a.js', line: 3, column: 4 }),
  ],
  [
    'async without its prefix',
    'at async main (/a.js:1:2)',
    frame({ function: 'main', async: true, file: '/a.js', line: 1, column: 2 }),
  ],
  [
    'an anonymous async function',
    'at async file:///a.mjs:9:1',
    frame({ async: true, file: 'file:///a.mjs', line: 9, column: 1 }),
  ],
  [
    'new without its prefix',
    'at new Foo (/a.js:1:2)',
    frame({ function: 'Foo', isConstructor: true, file: '/a.js', line: 1, column: 2 }),
  ],
  [
    'an anonymous class',
    'at new <anonymous> (/a.js:1:2)',
    frame({ isConstructor: true, file: '/a.js', line: 1, column: 2 }),
  ],
  [
    'an alias',
    'at Object.bar [as foo] (/a.js:1:2)',
    frame({ function: 'Object.bar', alias: 'foo', file: '/a.js', line: 1, column: 2 }),
  ],
  [
    'a current built-in',
    'at Array.map (<anonymous>)',
    frame({ function: 'Array.map', native: true }),
  ],
  ['an old built-in', 'at Array.map (native)', frame({ function: 'Array.map', native: true })],
  ['a location-less anonymous frame', 'at <anonymous>', frame({ native: true })],
  [
    'Promise.all',
    'at async Promise.all (index 3)',
    frame({ function: 'Promise.all', async: true, native: true, promiseIndex: 3 }),
  ],
  [
    'Promise.allSettled',
    'at async Promise.allSettled (index 0)',
    frame({ function: 'Promise.allSettled', async: true, native: true, promiseIndex: 0 }),
  ],
  [
    'Promise.any',
    'at async Promise.any (index 1)',
    frame({ function: 'Promise.any', async: true, native: true, promiseIndex: 1 }),
  ],
  ['a file named like an index', 'at foo (index 1)', frame({ function: 'foo', file: 'index 1' })],
  [
    'file:// URLs as printed',
    'at f (file:///a%20b/c.mjs:1:2)',
    frame({ function: 'f', file: 'file:///a%20b/c.mjs', line: 1, column: 2 }),
  ],
  [
    'node: internals',
    'at f (node:internal/fs/utils:10:3)',
    frame({ function: 'f', file: 'node:internal/fs/utils', line: 10, column: 3 }),
  ],
  ['column 0', 'at f (/a.js:5:0)', frame({ function: 'f', file: '/a.js', line: 5, column: 0 })],
  ['no column', 'at f (/a.js:5)', frame({ function: 'f', file: '/a.js', line: 5 })],
  ['line 0 as no position', 'at f (/a.js:0:3)', frame({ function: 'f', file: '/a.js' })],
  [
    'a number too long to be a position',
    'at f (/a.js:1:12345678901234567890)',
    frame({ function: 'f', file: '/a.js:1:12345678901234567890' }),
  ],
  [
    'a Windows path',
    'at f (C:\\a b\\c.js:1:2)',
    frame({ function: 'f', file: 'C:\\a b\\c.js', line: 1, column: 2 }),
  ],
  [
    'colons in a path',
    'at f (/a/1:2:3/b.js:4:5)',
    frame({ function: 'f', file: '/a/1:2:3/b.js', line: 4, column: 5 }),
  ],
  [
    'parens in a path',
    'at f (/a (b) [c]/d.js:1:2)',
    frame({ function: 'f', file: '/a (b) [c]/d.js', line: 1, column: 2 }),
  ],
  [
    'parens in an anonymous path',
    'at /a (b)/d.js:1:2',
    frame({ file: '/a (b)/d.js', line: 1, column: 2 }),
  ],
  [
    'a data: URL',
    'at f (data:text/javascript,throw 1;:1:7)',
    frame({ function: 'f', file: 'data:text/javascript,throw 1;', line: 1, column: 7 }),
  ],
  [
    'a blob: URL',
    'at blob:http://x/1-2:3:4',
    frame({ file: 'blob:http://x/1-2', line: 3, column: 4 }),
  ],
  [
    'a webpack:// URL',
    'at f (webpack:///./src/a.ts?:1:2)',
    frame({ function: 'f', file: 'webpack:///./src/a.ts?', line: 1, column: 2 }),
  ],
  [
    'a missing closing paren',
    'at f (/a.js:1:2',
    frame({ function: 'f', file: '/a.js', line: 1, column: 2 }),
  ],
  [
    'a wasm frame',
    'at wasm://wasm/ab12:wasm-function[3]:0x1e',
    frame({ file: 'wasm://wasm/ab12', line: 1, column: 31 }),
  ],
  [
    'an eval frame, inner position plus origin',
    'at e (eval at g (eval at h (/a.js:7:9)), <anonymous>:1:5)',
    frame({
      function: 'e',
      file: '<anonymous>',
      line: 1,
      column: 5,
      eval: true,
      evalOrigin: { function: 'h', file: '/a.js', line: 7, column: 9 },
    }),
  ],
  [
    'an eval origin without a source',
    'at eval (eval at f (unknown source), <anonymous>:1:1)',
    frame({
      function: 'eval',
      file: '<anonymous>',
      line: 1,
      column: 1,
      eval: true,
      evalOrigin: { function: 'f', file: null, line: null, column: null },
    }),
  ],
];

describe('parseStack', () => {
  describe('conventions', () => {
    for (const [what, line, expected] of conventions) {
      it(`should read ${what}`, () => {
        assert.deepEqual(parseStack(`Error: x\n    ${line}`), [expected]);
      });
    }
  });

  describe('header and junk', () => {
    it('should skip the header and a multi-line message', () => {
      const frames = parseStack('TypeError: a\nb: c:1\n    at f (/a.js:1:2)\n');
      assert.deepEqual(
        frames.map(f => f.function),
        ['f'],
      );
    });

    it('should never take frames from the message when it is given', () => {
      const message = 'bad\n    at fake (/x.js:1:2)\nat fake2 (/y.js:3:4)';
      const stack = `Error: ${message}\n    at real (/a.js:1:2)`;
      assert.deepEqual(
        parseStack(stack, { message }).map(f => f.function),
        ['real'],
      );
    });

    it('should take a frame-like message line as a frame without the message (documented)', () => {
      const stack = 'Error: bad\n    at fake (/x.js:1:2)\n    at real (/a.js:1:2)';
      assert.deepEqual(
        parseStack(stack).map(f => f.function),
        ['fake', 'real'],
      );
    });

    it('should find a header whose error name is empty', () => {
      const stack = 'oops\n  at fake (/x.js:1:2)\n    at real (/a.js:1:2)';
      assert.deepEqual(
        parseStack(stack, { message: 'oops\n  at fake (/x.js:1:2)' }).map(f => f.function),
        ['real'],
      );
    });

    it('should fall back to the first line when the message is not in the text', () => {
      assert.deepEqual(
        parseStack('Error: old\n    at f (/a.js:1:2)', { message: 'new' }).length,
        1,
      );
    });

    it('should not match a message that is only a prefix of the header', () => {
      const stack = 'Error: abc\n    at f (/a.js:1:2)';
      assert.deepEqual(
        parseStack(stack, { message: 'ab' }).map(f => f.function),
        ['f'],
      );
    });

    it('should read the CJS SyntaxError location and skip the source excerpt', () => {
      const message = 'Unexpected token';
      const stack = `/app/bad.cjs:3\nlook at this (/fake.js:1:2)\n    ^^^\n\nSyntaxError: ${message}\n    at wrapSafe (node:internal/modules/cjs/loader:1:2)`;
      for (const options of [{}, { message }]) {
        assert.deepEqual(parseStack(stack, options), [
          frame({ file: '/app/bad.cjs', line: 3 }),
          frame({
            function: 'wrapSafe',
            file: 'node:internal/modules/cjs/loader',
            line: 1,
            column: 2,
          }),
        ]);
      }
    });

    it('should accept a frame after junk only with a position', () => {
      const stack = 'Error\n12:00 app   at f (/a.js:1:2)\nwe looked at it (closely)\n';
      assert.deepEqual(
        parseStack(stack).map(f => f.function),
        ['f'],
      );
    });

    it('should reject location-only junk after at', () => {
      assert.deepEqual(parseStack('Error\n    at least we tried\n    at'), []);
    });

    it('should read CRLF line endings', () => {
      assert.deepEqual(parseStack('Error\r\n    at f (/a.js:1:2)\r\n'), [
        frame({ function: 'f', file: '/a.js', line: 1, column: 2 }),
      ]);
    });

    it('should return no frames for input that is not a string', () => {
      assert.deepEqual(parseStack(undefined as unknown as string), []);
    });
  });
});
