import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FileLock, isStaleLock } from '../../src/store/FileLock.ts';

describe('FileLock', () => {
  let dir: string;
  let lockPath: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-lock-'));
    lockPath = path.join(dir, 'x.lock');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('.acquireSync', () => {
    it('should hold the lock exclusively until released', () => {
      const first = FileLock.acquireSync(lockPath, { staleMs: 60_000, waitMs: 0 });
      assert.ok(first);
      assert.match(
        fs.readFileSync(lockPath, 'utf8'),
        new RegExp(`^${process.pid} ${os.hostname()} [0-9a-f]{16}\\n$`),
      );
      assert.equal(FileLock.acquireSync(lockPath, { staleMs: 60_000, waitMs: 30 }), null);
      first.release();
      assert.equal(fs.existsSync(lockPath), false);
      assert.ok(FileLock.acquireSync(lockPath, { staleMs: 60_000, waitMs: 0 }));
    });

    const stale: readonly { name: string; content: string; ageMs: number }[] = [
      {
        name: 'a lock of a process that is gone',
        content: `999999999 ${os.hostname()} dead\n`,
        ageMs: 0,
      },
      { name: 'a lock older than staleMs', content: `1 other-host x\n`, ageMs: 120_000 },
    ];
    for (const { name, content, ageMs } of stale) {
      it(`should break ${name}`, () => {
        fs.writeFileSync(lockPath, content);
        const past = (Date.now() - ageMs) / 1000;
        fs.utimesSync(lockPath, past, past);
        assert.equal(isStaleLock(lockPath, 60_000), true);
        const lock = FileLock.acquireSync(lockPath, { staleMs: 60_000, waitMs: 0 });
        assert.ok(lock);
        assert.deepEqual(fs.readdirSync(dir), ['x.lock']);
      });
    }

    it('should not break a young lock of a live process on another host, nor an empty one being written', () => {
      fs.writeFileSync(lockPath, `1 other-host x\n`);
      assert.equal(isStaleLock(lockPath, 60_000), false);
      assert.equal(FileLock.acquireSync(lockPath, { staleMs: 60_000, waitMs: 0 }), null);
      fs.writeFileSync(lockPath, '');
      assert.equal(FileLock.acquireSync(lockPath, { staleMs: 60_000, waitMs: 0 }), null);
    });

    it('should throw file system errors other than an existing lock', () => {
      assert.throws(
        () => FileLock.acquireSync(path.join(dir, 'missing', 'x.lock'), { staleMs: 1, waitMs: 0 }),
        { code: 'ENOENT' },
      );
    });
  });

  describe('.release', () => {
    it('should leave a lock that another holder took over after breaking ours', () => {
      const ours = FileLock.acquireSync(lockPath, { staleMs: 60_000, waitMs: 0 })!;
      fs.writeFileSync(lockPath, `1 other-host theirs\n`);
      ours.release();
      assert.equal(fs.readFileSync(lockPath, 'utf8'), `1 other-host theirs\n`);
    });
  });
});
