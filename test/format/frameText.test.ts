import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frameText, functionName } from '../../src/format/frameText.ts';
import { palette } from '../../src/format/palette.ts';
import { frame } from '../fixtures/format/infos.ts';

const plain = palette(false);

describe('frameText', () => {
  // Expected texts are what V8 printed after `at ` for the same frames (Node 24).
  describe("V8's syntax", () => {
    const table: [string, Parameters<typeof frame>[0], string][] = [
      ['a named frame', { function: 'g', file: '[eval]', line: 4, column: 39 }, 'g ([eval]:4:39)'],
      ['an anonymous frame', { file: '[eval]', line: 7, column: 7 }, '[eval]:7:7'],
      [
        'an async frame',
        { function: 'h', file: '/a.js', line: 5, column: 21, async: true },
        'async h (/a.js:5:21)',
      ],
      [
        'an anonymous async frame',
        { file: 'file:///a.mjs', line: 3, column: 5, async: true },
        'async file:///a.mjs:3:5',
      ],
      [
        'a constructor',
        { function: 'Foo', isConstructor: true, file: '[eval]', line: 6, column: 32 },
        'new Foo ([eval]:6:32)',
      ],
      [
        'an anonymous constructor',
        { isConstructor: true, file: '/a.js', line: 1, column: 2 },
        'new <anonymous> (/a.js:1:2)',
      ],
      ['a native frame', { function: 'Array.map', native: true }, 'Array.map (<anonymous>)'],
      [
        'Promise.all',
        { function: 'Promise.all', native: true, async: true, promiseIndex: 0 },
        'async Promise.all (index 0)',
      ],
      [
        'a method alias',
        { function: 'Layer.handle', alias: 'handle_request', file: '/l.js', line: 95, column: 5 },
        'Layer.handle [as handle_request] (/l.js:95:5)',
      ],
      [
        'an eval frame',
        {
          function: 'f',
          file: '<anonymous>',
          line: 1,
          column: 22,
          eval: true,
          evalOrigin: { function: null, file: '[eval]', line: 2, column: 7 },
        },
        'f (eval at <anonymous> ([eval]:2:7), <anonymous>:1:22)',
      ],
      [
        'a node: internal',
        {
          function: 'process.processTicksAndRejections',
          file: 'node:internal/process/task_queues',
          line: 104,
          column: 5,
        },
        'process.processTicksAndRejections (node:internal/process/task_queues:104:5)',
      ],
      ['a frame without column', { function: 'f', file: '/a.js', line: 3 }, 'f (/a.js:3)'],
      ['a frame without position', { function: 'f', file: '/a.js' }, 'f (/a.js)'],
      ['a frame with nothing known', {}, '<anonymous>'],
      ['a column 0', { function: 'f', file: '/a.js', line: 1, column: 0 }, 'f (/a.js:1:0)'],
    ];
    for (const [scenario, fields, expected] of table) {
      it(`should print ${scenario} as V8 does`, () => {
        assert.equal(frameText(frame(fields), 240, plain.bold, plain.cyan), expected);
      });
    }
  });

  describe('hostile names', () => {
    it('should escape control and bidi characters in names and files', () => {
      const text = frameText(
        frame({ function: 'a\u202eb', file: '/x\x1b[2J.js', line: 1, column: 1 }),
        240,
        plain.bold,
        plain.cyan,
      );
      assert.equal(text, 'a\\u202eb (/x\\x1b[2J.js:1:1)');
    });

    it('should clip a very long function name', () => {
      assert.equal(functionName(frame({ function: 'x'.repeat(500) }), 10), `${'x'.repeat(9)}…`);
    });
  });
});
