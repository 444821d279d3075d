import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readSourceContext } from '../../src/source/readSourceContext.ts';

const file = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`);

describe('readSourceContext', () => {
  describe('window', () => {
    const cases: [string, number, number | undefined, number, number][] = [
      // name, line, contextLines, expected firstLine, expected last line
      ['in the middle', 10, undefined, 3, 17],
      ['at the start', 1, undefined, 1, 8],
      ['at the end', 20, undefined, 13, 20],
      ['with 2 context lines', 10, 2, 8, 12],
      ['with 0 context lines', 10, 0, 10, 10],
      ['with negative context lines (clamped to 0)', 10, -3, 10, 10],
      ['with fractional context lines (floored)', 10, 1.9, 9, 11],
    ];
    for (const [name, line, contextLines, first, last] of cases) {
      it(`should keep ±N lines ${name}`, () => {
        const context = readSourceContext(file, line, { contextLines });
        assert.deepEqual(context, {
          firstLine: first,
          currentLine: line,
          lines: file.slice(first - 1, last),
        });
      });
    }

    for (const line of [0, -1, 21, 1.5, Number.NaN]) {
      it(`should return null for line ${line}`, () => {
        assert.equal(readSourceContext(file, line), null);
      });
    }

    it('should return null for an empty file list', () => {
      assert.equal(readSourceContext([], 1), null);
    });
  });

  describe('long lines', () => {
    const long = 'abcdefghij'.repeat(50); // 500 characters

    it('should keep short lines intact', () => {
      assert.deepEqual(readSourceContext(['short'], 1, { maxLineLength: 5 })?.lines, ['short']);
    });

    it('should keep the head of a long context line and mark the cut', () => {
      const context = readSourceContext([long, 'x'], 2, { maxLineLength: 20 });
      assert.deepEqual(context?.lines, [`${long.slice(0, 20)}…`, 'x']);
    });

    it('should keep the head of the current line when no column is given', () => {
      const context = readSourceContext([long], 1, { maxLineLength: 20, column: null });
      assert.equal(context?.lines[0], `${long.slice(0, 20)}…`);
    });

    const windows: [string, number, string][] = [
      ['near the start', 3, `${long.slice(0, 20)}…`],
      ['in the middle', 251, `…${long.slice(240, 260)}…`],
      ['near the end', 499, `…${long.slice(480)}`],
      ['past the end', 9999, `…${long.slice(480)}`],
    ];
    for (const [name, column, expected] of windows) {
      it(`should keep a window around the column ${name}`, () => {
        const context = readSourceContext([long], 1, { maxLineLength: 20, column });
        assert.equal(context?.lines[0], expected);
      });
    }

    it('should clip at 200 characters by default', () => {
      assert.equal(readSourceContext([long], 1)?.lines[0], `${long.slice(0, 200)}…`);
    });

    it('should never split a surrogate pair', () => {
      const emoji = '😀'.repeat(30); // 60 UTF-16 units
      const head = readSourceContext([emoji], 1, { maxLineLength: 11 })?.lines[0] ?? '';
      const middle =
        readSourceContext([emoji], 1, { maxLineLength: 11, column: 30 })?.lines[0] ?? '';
      for (const text of [head, middle]) assert.equal(text.isWellFormed(), true, text);
    });

    it('should keep the character under the column in the clipped current line', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1, maxLength: 400, unit: 'grapheme-ascii' }),
          fc.integer({ min: 1, max: 60 }),
          fc.nat(),
          (text, maxLineLength, offset) => {
            const column = (offset % text.length) + 1;
            const clipped = readSourceContext([text], 1, { maxLineLength, column })?.lines[0] ?? '';
            const body = clipped.replace(/^…/, '').replace(/…$/, '');
            assert.ok(body.length <= maxLineLength);
            // Some placement of the kept text inside the line covers the column.
            const starts = Array.from({ length: body.length }, (_, index) => column - 1 - index);
            assert.ok(starts.some(start => start >= 0 && text.startsWith(body, start)));
          },
        ),
        { seed: 424242, numRuns: 300 },
      );
    });
  });
});
