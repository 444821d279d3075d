import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  readRegularFileSync,
  reportText,
  UnreadableFileError,
} from '../../src/store/readReportText.ts';

describe('readReportText', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-read-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('readRegularFileSync', () => {
    const cases: readonly {
      name: string;
      create: (file: string) => void;
      reason: RegExp;
      missing?: boolean;
    }[] = [
      {
        name: 'a symbolic link',
        create: file => fs.symlinkSync('/etc/hostname', file),
        reason: /^is a symbolic link \(not followed\)$/,
      },
      {
        name: 'a directory',
        create: file => fs.mkdirSync(file),
        reason: /^is not a regular file$/,
      },
      {
        name: 'a FIFO (without blocking)',
        create: file => execFileSync('mkfifo', [file]),
        reason: /^is not a regular file$/,
      },
      {
        name: 'a file over the limit',
        create: file => fs.writeFileSync(file, 'x'.repeat(101)),
        reason: /^is too large \(101 bytes; the limit is 100\)$/,
      },
      {
        name: 'a missing file',
        create: () => undefined,
        reason: /^does not exist$/,
        missing: true,
      },
    ];
    for (const [i, { name, create, reason, missing = false }] of cases.entries()) {
      it(`should refuse ${name}`, () => {
        const file = path.join(dir, `case${i}`);
        create(file);
        assert.throws(
          () => readRegularFileSync(file, 100),
          (error: unknown) =>
            error instanceof UnreadableFileError &&
            reason.test(error.reason) &&
            error.missing === missing,
        );
      });
    }

    it('should read a regular file up to the limit', () => {
      const file = path.join(dir, 'ok');
      fs.writeFileSync(file, 'x'.repeat(100));
      assert.equal(readRegularFileSync(file, 100).length, 100);
    });
  });

  describe('reportText', () => {
    const cases: readonly {
      name: string;
      bytes: Buffer;
      compression: 'gz' | 'bz2' | null;
      reason: RegExp;
    }[] = [
      {
        name: 'a gzip bomb',
        bytes: gzipSync(Buffer.alloc(1 << 20)),
        compression: 'gz',
        reason: /^decompresses to more than 1000 bytes$/,
      },
      {
        name: 'truncated gzip',
        bytes: gzipSync('hello world').subarray(0, 15),
        compression: 'gz',
        reason: /^is corrupt gzip data/,
      },
      {
        name: 'plain text named .gz',
        bytes: Buffer.from('{}'),
        compression: 'gz',
        reason: /^is not gzip data \(bad magic number\)$/,
      },
      {
        name: 'bz2',
        bytes: Buffer.from('BZh9'),
        compression: 'bz2',
        reason: /^bz2 compression is not supported/,
      },
      {
        name: 'invalid UTF-8',
        bytes: Buffer.from([0xc3, 0x28]),
        compression: null,
        reason: /^is not valid UTF-8$/,
      },
    ];
    for (const { name, bytes, compression, reason } of cases) {
      it(`should refuse ${name}`, () => {
        assert.throws(
          () => reportText(bytes, compression, 1000),
          (error: unknown) => error instanceof UnreadableFileError && reason.test(error.reason),
        );
      });
    }

    it('should decompress gzip and drop a byte order mark', () => {
      assert.equal(reportText(gzipSync('\uFEFF{"a":1}'), 'gz', 1000), '{"a":1}');
    });
  });
});
