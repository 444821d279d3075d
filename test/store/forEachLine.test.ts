import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { forEachLine } from '../../src/store/forEachLine.ts';

describe('forEachLine', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-lines-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function lines(content: string | Buffer, maxLineBytes: number, from = 0) {
    const file = path.join(dir, 'f');
    fs.writeFileSync(file, content);
    const fd = fs.openSync(file, 'r');
    const seen: [string, number][] = [];
    const long: number[] = [];
    const end = forEachLine(
      fd,
      (chunk, start, stop, offset) => seen.push([chunk.toString('utf8', start, stop), offset]),
      maxLineBytes,
      offset => long.push(offset),
      from,
    );
    fs.closeSync(fd);
    return { seen, long, end };
  }

  describe('lines of any length', () => {
    it('should visit every line with its offset, the last without newline too', () => {
      assert.deepEqual(lines('a\nbb\n\nccc', 10), {
        seen: [
          ['a', 0],
          ['bb', 2],
          ['', 5],
          ['ccc', 6],
        ],
        long: [],
        end: 9,
      });
    });

    it('should start at an offset', () => {
      assert.deepEqual(lines('a\nbb\nc\n', 10, 2).seen, [
        ['bb', 2],
        ['c', 5],
      ]);
    });

    it('should report lines longer than the limit and go on, across chunk boundaries', () => {
      const huge = 'x'.repeat(3 * 1024 * 1024);
      const { seen, long } = lines(`ok\n${huge}\n${'y'.repeat(20)}\nend`, 10);
      assert.deepEqual(seen, [
        ['ok', 0],
        ['end', huge.length + 25],
      ]);
      assert.deepEqual(long, [3, huge.length + 4]);
    });

    it('should split exactly like String#split for random content (property)', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.string({ maxLength: 300_000 }).map(s => s.replace(/\n/g, '')),
            { maxLength: 12 },
          ),
          parts => {
            const text = parts.join('\n');
            const expected = text === '' ? [] : text.split('\n');
            assert.deepEqual(
              lines(text, 1 << 20).seen.map(([line]) => line),
              expected.length && text.endsWith('\n') ? expected.slice(0, -1) : expected,
            );
          },
        ),
        { seed: 5, numRuns: 40 },
      );
    });
  });
});
