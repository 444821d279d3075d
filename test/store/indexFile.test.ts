import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FileLock } from '../../src/store/FileLock.ts';
import { appendIndexLines, createEmptyIndex, indexLockPath } from '../../src/store/indexFile.ts';
import {
  encodeIndexLine,
  KIND,
  parseIndexHeader,
  summarizeReport,
} from '../../src/store/IndexEntry.ts';
import { type StoreLayout, storeLayout } from '../../src/store/storeLayout.ts';
import { report } from '../cli/reportFixtures.ts';

const timing = { staleMs: 60_000, waitMs: 0 };
const line = (n: number): string =>
  encodeIndexLine(
    summarizeReport(
      report({
        fingerprint: 'aaaaaaaa-0000-5000-8000-000000000000',
        count: n,
        message: 'm'.repeat(150),
      }),
      KIND.errorinfo,
      'aaaaaaaa-0000-5000-8000-000000000000.json',
      { ino: n, size: 1, mtimeUs: 1 },
      [],
    ),
  );

describe('indexFile', () => {
  let layout: StoreLayout;
  beforeEach(() => {
    layout = storeLayout(fs.mkdtempSync(path.join(os.tmpdir(), 'err-index-')));
    for (const dir of [layout.meta, layout.locks, layout.tmp])
      fs.mkdirSync(dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(layout.dir, { recursive: true, force: true }));

  describe('appendIndexLines', () => {
    it('should append to an existing index and leave a missing one to the readers', () => {
      assert.equal(appendIndexLines(layout, [line(1)], timing, false), false);
      assert.equal(fs.existsSync(layout.index), false);
      createEmptyIndex(layout);
      assert.equal(appendIndexLines(layout, [line(1), line(2)], timing, false), true);
      const lines = fs.readFileSync(layout.index, 'utf8').split('\n');
      assert.deepEqual(lines.slice(1), [line(1), line(2), '']);
      assert.equal(parseIndexHeader(lines[0]!), 0);
    });

    it('should leave the stale marker when the index lock cannot be had', () => {
      createEmptyIndex(layout);
      const held = FileLock.acquireSync(indexLockPath(layout), timing)!;
      assert.equal(appendIndexLines(layout, [line(1)], timing, false), false);
      held.release();
      assert.equal(fs.existsSync(layout.stale), true);
    });

    it('should compact a bloated fresh index down to the last line of each file', () => {
      createEmptyIndex(layout);
      const batch = Array.from({ length: 1000 }, (_, i) => line(i + 1));
      for (let i = 0; i < 5; i++) appendIndexLines(layout, batch, timing, true);
      const lines = fs.readFileSync(layout.index, 'utf8').trim().split('\n');
      assert.ok(lines.length < 5000, `${lines.length} lines`);
      assert.equal(lines.at(-1), line(1000));
      assert.ok(parseIndexHeader(lines[0]!)! > 0);
    });
  });
});
