import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toFilePath } from '../../src/stack/filePath.ts';

const cases: [string | null, string | null][] = [
  ['/app/a.js', '/app/a.js'],
  ['/app dir (1)/a.js', '/app dir (1)/a.js'],
  ['file:///app/a%20b.mjs', '/app/a b.mjs'],
  ['C:\\app\\a.js', 'C:\\app\\a.js'],
  ['C:/app/a.js', 'C:/app/a.js'],
  ['\\\\server\\share\\a.js', '\\\\server\\share\\a.js'],
  ['file://remote-host/a.js', null],
  ['node:internal/fs/utils', null],
  ['data:text/javascript,throw 1', null],
  ['http://localhost:5000/a.js', null],
  ['webpack:///./src/a.ts', null],
  ['<anonymous>', null],
  ['evalmachine.<anonymous>', null],
  ['events.js', null],
  ['', null],
  [null, null],
];

describe('toFilePath', () => {
  describe('frame files', () => {
    for (const [file, expected] of cases) {
      it(`should map ${JSON.stringify(file)} to ${JSON.stringify(expected)}`, () => {
        assert.equal(toFilePath(file), expected);
      });
    }
  });
});
