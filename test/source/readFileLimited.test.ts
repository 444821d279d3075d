import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileLimited } from '../../src/source/readFileLimited.ts';

describe('readFileLimited', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'otel-err-read-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('should read a whole file up to the cap', () => {
    const path = join(dir, 'five.txt');
    writeFileSync(path, 'hello');
    assert.equal(readFileLimited(path, 5)?.toString(), 'hello');
  });

  it('should return null for a file over the cap and for a directory', () => {
    const path = join(dir, 'six.txt');
    writeFileSync(path, 'hello!');
    assert.equal(readFileLimited(path, 5), null);
    assert.equal(readFileLimited(dir, 5), null);
  });

  it('should read an empty file', () => {
    const path = join(dir, 'empty.txt');
    writeFileSync(path, '');
    assert.equal(readFileLimited(path, 5)?.length, 0);
  });

  it('should throw the I/O error for a missing file', () => {
    assert.throws(() => readFileLimited(join(dir, 'missing'), 5), { code: 'ENOENT' });
  });

  it(
    'should return null for a named pipe without waiting for a writer',
    { skip: process.platform === 'win32' ? 'no mkfifo on Windows' : false },
    () => {
      const fifo = join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      assert.equal(readFileLimited(fifo, 5), null);
    },
  );
});
