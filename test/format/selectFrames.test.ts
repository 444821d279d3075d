import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { gapText, selectFrames, type FrameItem } from '../../src/format/selectFrames.ts';
import { frame } from '../fixtures/format/infos.ts';

/** Frames from a pattern: `A` is an app frame, `l` a library frame; each gets its own line number. */
function frames(pattern: string): Frame[] {
  return [...pattern].map((c, i) =>
    frame({ function: `${c}${i}`, file: '/f.js', line: i + 1, column: 1, inApp: c === 'A' }),
  );
}

/** Items back to a pattern: frame names, gaps as `[kind count]`. */
function shape(items: FrameItem[]): string {
  return items
    .map(item => (item.kind === 'frame' ? item.frame.function : `[${item.kind} ${item.count}]`))
    .join(' ');
}

const limits = { maxFrames: 100, maxLibraryRun: 3 };

describe('selectFrames', () => {
  describe('library runs', () => {
    const table: [string, string, string][] = [
      ['app frames only', 'AAA', 'A0 A1 A2'],
      ['a short run of library frames', 'AlllA', 'A0 l1 l2 l3 A4'],
      ['a long run of library frames', 'AllllA', 'A0 [library 4] A5'],
      ['a long run at the bottom', 'Allll', 'A0 [library 4]'],
      ['a long run where the error was thrown', 'lllllA', 'l0 [library 4] A5'],
      ['only library frames', 'lllll', 'l0 [library 4]'],
      ['no frames', '', ''],
    ];
    for (const [scenario, pattern, expected] of table) {
      it(`should handle ${scenario}`, () => {
        assert.equal(shape(selectFrames(frames(pattern), limits)), expected);
      });
    }

    it('should keep every frame with maxLibraryRun Infinity', () => {
      const items = selectFrames(frames('Allllllll'), { ...limits, maxLibraryRun: Infinity });
      assert.equal(items.length, 9);
    });
  });

  describe('maxFrames', () => {
    it('should count the frames left out', () => {
      assert.equal(
        shape(selectFrames(frames('AAAAA'), { ...limits, maxFrames: 2 })),
        'A0 A1 [more 3]',
      );
    });
  });

  describe('shared tail', () => {
    it('should print frames shared with the enclosing exception once', () => {
      const parent = frames('AAAA').slice(1);
      const own = [
        frame({ function: 'inner', file: '/g.js', line: 9, inApp: true }),
        ...parent.slice(1),
      ];
      assert.equal(
        shape(selectFrames(own, { ...limits, parentFrames: parent })),
        'inner [shared 2]',
      );
    });

    it('should keep one own frame when every frame is shared', () => {
      const parent = frames('AA');
      assert.equal(
        shape(selectFrames(parent, { ...limits, parentFrames: parent })),
        'A0 [shared 1]',
      );
    });
  });

  describe('gapText', () => {
    it('should word each gap', () => {
      assert.equal(gapText({ kind: 'library', count: 1 }), '… 1 library frame');
      assert.equal(gapText({ kind: 'more', count: 7 }), '… 7 more frames');
      assert.equal(gapText({ kind: 'shared', count: 2 }), '… 2 frames shared with the error above');
    });
  });
});
