import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from '../../src/errorinfo/ErrorInfo.ts';
import type { CapturedFrame, CapturedLocals } from '../../src/locals/common.ts';
import { mergeLocals } from '../../src/locals/mergeLocals.ts';

function frame(
  fn: string | null,
  file: string,
  line: number,
  column: number,
  extra: Partial<Frame> = {},
): Frame {
  return {
    function: fn,
    alias: null,
    file,
    line,
    column,
    async: false,
    isConstructor: false,
    native: false,
    eval: false,
    evalOrigin: null,
    promiseIndex: null,
    module: null,
    inApp: true,
    generated: null,
    source: null,
    locals: null,
    ...extra,
  };
}

function captured(...frames: Omit<CapturedFrame, 'locals'>[]): CapturedLocals {
  return {
    frames: frames.map(f => ({ ...f, locals: { at: `${f.function}:${f.line}` } })),
    uncaught: true,
    truncated: false,
  };
}

const localsOf = (frames: Frame[]) => frames.map(f => f.locals?.at ?? null);

describe('mergeLocals', () => {
  describe('matching', () => {
    const cases: [string, Frame[], CapturedLocals, (string | null)[]][] = [
      [
        'exact file, line and column',
        [frame('c', '/app/a.js', 3, 9), frame('b', '/app/a.js', 7, 12)],
        captured(
          { index: 0, function: 'c', file: '/app/a.js', line: 3, column: 9 },
          { index: 1, function: 'b', file: '/app/a.js', line: 7, column: 12 },
        ),
        ['c:3', 'b:7'],
      ],
      [
        'a file:// URL against a path',
        [frame('c', 'file:///app/a.mjs', 3, 9)],
        captured({ index: 0, function: 'c', file: '/app/a.mjs', line: 3, column: 9 }),
        ['c:3'],
      ],
      [
        'the throw column differing from the construction column on the same line',
        [frame('Foo.method', '/app/a.js', 3, 20)],
        captured({ index: 0, function: 'method', file: '/app/a.js', line: 3, column: 5 }),
        ['method:3'],
      ],
      [
        'an error built on an earlier line of the throwing function',
        [frame('fail', '/app/a.js', 10, 15), frame('caller', '/app/a.js', 20, 3)],
        captured(
          { index: 0, function: 'fail', file: '/app/a.js', line: 12, column: 5 },
          { index: 1, function: 'caller', file: '/app/a.js', line: 20, column: 3 },
        ),
        ['fail:12', 'caller:20'],
      ],
      [
        'an error built in a helper that is no longer on the stack',
        [
          frame('makeError', '/app/a.js', 1, 30),
          frame('fail', '/app/a.js', 5, 9),
          frame('main', '/app/a.js', 9, 1),
        ],
        captured(
          { index: 0, function: 'fail', file: '/app/a.js', line: 5, column: 3 },
          { index: 1, function: 'main', file: '/app/a.js', line: 9, column: 1 },
        ),
        [null, 'fail:5', 'main:9'],
      ],
      [
        'the generated position of a source-mapped frame',
        [
          frame('handler', '/src/a.ts', 40, 7, {
            generated: { file: '/dist/a.js', line: 25, column: 11, function: 'handler' },
          }),
        ],
        captured({ index: 0, function: 'handler', file: '/dist/a.js', line: 25, column: 11 }),
        ['handler:25'],
      ],
      [
        'recursion, moving forward only',
        [
          frame('walk', '/app/r.js', 2, 5),
          frame('walk', '/app/r.js', 4, 10),
          frame('walk', '/app/r.js', 4, 10),
        ],
        captured(
          { index: 0, function: 'walk', file: '/app/r.js', line: 2, column: 5 },
          { index: 1, function: 'walk', file: '/app/r.js', line: 4, column: 10 },
          { index: 2, function: 'walk', file: '/app/r.js', line: 4, column: 10 },
        ),
        ['walk:2', 'walk:4', 'walk:4'],
      ],
      [
        'no async frame',
        [frame('work', '/app/a.js', 3, 9), frame('main', '/app/a.js', 8, 3, { async: true })],
        captured(
          { index: 0, function: 'work', file: '/app/a.js', line: 3, column: 9 },
          { index: 1, function: 'main', file: '/app/a.js', line: 8, column: 3 },
        ),
        ['work:3', null],
      ],
      [
        'no frame of another file or line',
        [frame('c', '/app/a.js', 3, 9)],
        captured(
          { index: 1, function: 'c', file: '/app/b.js', line: 3, column: 9 },
          { index: 2, function: 'c', file: '/app/a.js', line: 4, column: 9 },
        ),
        [null],
      ],
    ];
    for (const [name, frames, capture, expected] of cases) {
      it(`should match ${name}`, () =>
        assert.deepEqual(localsOf(mergeLocals(frames, capture)), expected));
    }
  });

  describe('inputs', () => {
    it('should return a copy of the frames when nothing was captured', () => {
      const frames = [frame('c', '/app/a.js', 3, 9)];
      const out = mergeLocals(frames, undefined);
      assert.deepEqual(out, frames);
      assert.notEqual(out, frames);
    });

    it('should not modify the frames it was given', () => {
      const frames = [frame('c', '/app/a.js', 3, 9, { locals: { kept: 1 } })];
      const out = mergeLocals(
        frames,
        captured({ index: 0, function: 'c', file: '/app/a.js', line: 3, column: 9 }),
      );
      assert.deepEqual(frames[0]?.locals, { kept: 1 });
      assert.deepEqual(out[0]?.locals, { kept: 1, at: 'c:3' });
    });
  });
});
