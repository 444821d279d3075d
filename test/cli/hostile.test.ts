import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { toJSON } from '../../src/errorinfo/codec.ts';
import { report, tempDir, writeRaw, writeWithStore } from './reportFixtures.ts';
import { ERR_BIN, type ErrRun, hasStackTrace, runErr, tsvRows } from './runErr.ts';

const VALID = '11111111-1111-5111-8111-111111111111';
const fp = (n: number): string => `aaaaaaaa-0000-5000-8000-${String(n).padStart(12, '0')}`;
const valid = JSON.parse(toJSON(report({ fingerprint: fp(0) }))) as Record<string, unknown>;

/** One hostile file: how to create it and the problem `err` must name. */
interface HostileCase {
  name: string;
  file: string;
  create: (file: string) => void;
  problem: RegExp;
}

const cases: readonly HostileCase[] = [
  {
    name: 'a truncated report',
    file: `${fp(1)}.json`,
    create: file => fs.writeFileSync(file, toJSON(report({ fingerprint: fp(1) })).slice(0, 80)),
    problem: /is not JSON \(.*JSON.*\)$/,
  },
  {
    name: 'a file that is not JSON',
    file: `${fp(2)}.json`,
    create: file => fs.writeFileSync(file, 'hello'),
    problem: /is not JSON/,
  },
  {
    name: 'a report with a wrong $type',
    file: `${fp(3)}.json`,
    create: file => fs.writeFileSync(file, JSON.stringify({ ...valid, $type: 'other' })),
    problem: /is not an ErrorInfo report \(\$type is "other"\)$/,
  },
  {
    name: 'a report of an unknown major version',
    file: `${fp(4)}.json`,
    create: file => fs.writeFileSync(file, JSON.stringify({ ...valid, $version: '3.0' })),
    problem: /is not a valid ErrorInfo report \(\$version: unsupported major version/,
  },
  {
    name: 'a report with an invalid field',
    file: `${fp(5)}.json`,
    create: file => fs.writeFileSync(file, JSON.stringify({ ...valid, frames: 'x' })),
    problem: /is not a valid ErrorInfo report \(frames: /,
  },
  {
    name: 'a huge file',
    file: `${fp(6)}.json`,
    create: file => fs.truncateSync((fs.writeFileSync(file, ''), file), 20 * 1024 * 1024),
    problem: /is too large \(20971520 bytes; the limit is 16777216\)$/,
  },
  {
    name: 'a gzip bomb',
    file: `${fp(7)}.json.gz`,
    create: file => fs.writeFileSync(file, gzipSync(Buffer.alloc(17 * 1024 * 1024))),
    problem: /decompresses to more than 16777216 bytes$/,
  },
  {
    name: 'a .gz file that is not gzip',
    file: `${fp(8)}.json.gz`,
    create: file => fs.writeFileSync(file, '{"plain":"json"}'),
    problem: /is not gzip data \(bad magic number\)$/,
  },
  {
    name: 'a symbolic link out of the directory',
    file: `${fp(9)}.json`,
    create: file => fs.symlinkSync('/etc/passwd', file),
    problem: /is a symbolic link \(not followed\)$/,
  },
  {
    name: 'a directory named like a report',
    file: `${fp(10)}.json`,
    create: file => fs.mkdirSync(file),
    problem: /is not a regular file$/,
  },
  {
    name: 'a FIFO named like a report',
    file: `${fp(11)}.json`,
    create: file => execFileSync('mkfifo', [file]),
    problem: /is not a regular file$/,
  },
  {
    name: 'a bz2 report of Gufo Err',
    file: `${fp(12)}.json.bz2`,
    create: file => fs.writeFileSync(file, 'BZh91AY&SY'),
    problem: /bz2 compression is not supported \(decompress it first\)$/,
  },
  {
    name: 'a report that is not UTF-8',
    file: `${fp(13)}.json`,
    create: file => fs.writeFileSync(file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
    problem: /is not valid UTF-8$/,
  },
  {
    name: 'an invalid Gufo Err report',
    file: `${fp(14)}.json`,
    create: file => fs.writeFileSync(file, '{"$type":"errorinfo","$version":"1.0","name":1}'),
    problem: /is not a valid Gufo Err 1.0 report \(fingerprint: expected a string\)$/,
  },
  {
    name: 'an OTLP file of binary garbage',
    file: 'junk.jsonl',
    create: file => fs.writeFileSync(file, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])),
    problem: /is not OTLP JSON \(neither JSON lines nor gzip\/zstd\)$/,
  },
  {
    name: 'an OTLP file with a bad line',
    file: 'traces.jsonl',
    create: file => fs.writeFileSync(file, '{"resourceSpans":[]}\n{oops\n'),
    problem: /has 1 of 2 lines that are not OTLP JSON \(line 2: /,
  },
  {
    name: 'an OTLP file with an escape sequence in its name',
    file: 'evil\u001b[2J.jsonl',
    create: file => fs.writeFileSync(file, 'x'),
    problem: /evil\\x1b\[2J\.jsonl: is not OTLP JSON/,
  },
];

describe('err with hostile files', () => {
  let dir: string;
  let run: ErrRun;
  let lines: string[];
  before(async () => {
    dir = tempDir();
    writeWithStore(dir, [report({ fingerprint: VALID })]);
    for (const { file, create } of cases) create(path.join(dir, file));
    run = await runErr(['list', '-p', dir]);
    lines = run.stderr.split('\n').filter(line => line !== '');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('one bad file among good ones', () => {
    for (const { name, file, problem } of cases) {
      it(`should name ${name} and its problem in one line`, () => {
        const shown = `err: ${dir}/${file.replace('\u001b', '\\x1b')}: `;
        const matching = lines.filter(line => line.startsWith(shown));
        assert.equal(matching.length, 1, run.stderr);
        assert.match(matching[0]!, problem);
      });
    }

    it('should still list every good report, exit 1, and print no stack trace', () => {
      assert.equal(run.code, 1);
      assert.equal(lines.length, cases.length);
      assert.deepEqual(
        tsvRows(run.stdout).map(row => row[0]),
        ['11111111'],
      );
      assert.equal(hasStackTrace(run.stderr), false);
    });

    it('should report the same problems from the index on the next run', async () => {
      const again = await runErr(['list', '-p', dir, '--debug']);
      assert.doesNotMatch(again.stderr, /rebuilding/);
      assert.deepEqual(
        again.stderr.split('\n').filter(line => line !== ''),
        lines,
      );
      assert.equal(again.code, 1);
    });
  });

  describe('an unreadable file', () => {
    it('should name it as not readable and list the rest', async () => {
      const own = tempDir();
      writeWithStore(own, [report({ fingerprint: VALID })]);
      const secret = path.join(own, `${fp(20)}.json`);
      fs.writeFileSync(secret, '{}', { mode: 0o000 });
      fs.chmodSync(secret, 0o000);
      for (const entry of fs.readdirSync(own, { recursive: true })) {
        const file = path.join(own, String(entry));
        if (file !== secret) fs.chmodSync(file, fs.statSync(file).isDirectory() ? 0o777 : 0o666);
      }
      const asNobody = process.getuid?.() === 0 ? { uid: 65534 } : {};
      const result = await runErr(['list', '-p', own], asNobody);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `err: ${secret}: is not readable (permission denied)\n`);
      assert.deepEqual(
        tsvRows(result.stdout).map(row => row[0]),
        ['11111111'],
      );
      fs.rmSync(own, { recursive: true, force: true });
    });
  });

  describe('arguments that try to leave the directory', () => {
    const args: readonly (readonly string[])[] = [
      ['view', '../../etc/passwd'],
      ['view', '/etc/passwd'],
      ['view', '1111/../../x'],
      ['clear', '..'],
      ['view', ''],
    ];
    for (const arg of args) {
      it(`should refuse \`err ${arg.join(' ')}\` before touching a file`, async () => {
        const result = await runErr([...arg, '-p', dir]);
        assert.equal(result.code, 2);
        assert.match(
          result.stderr,
          /^err: '.*' is not a fingerprint or a prefix of one \(hex digits and dashes only\)\n$/,
        );
        assert.equal(result.stdout, '');
      });
    }
  });

  describe('a reader that goes away', () => {
    it('should end `err list | head -1` quietly with exit 0', () => {
      const many = tempDir();
      for (let i = 0; i < 600; i++) {
        writeRaw(many, report({ fingerprint: fp(1000 + i), message: `m${'x'.repeat(200)}${i}` }));
      }
      const result = spawnSync(
        '/bin/bash',
        [
          '-c',
          `"${process.execPath}" "${ERR_BIN}" list -p "${many}" 2>"${many}/stderr" | head -1; echo "\${PIPESTATUS[0]}"`,
        ],
        { encoding: 'utf8' },
      );
      const [header, status] = result.stdout.split('\n');
      assert.equal(header, 'fingerprint\tlast_seen\tcount\tservice\texception\tplace\tpending');
      assert.equal(status, '0');
      assert.equal(fs.readFileSync(path.join(many, 'stderr'), 'utf8'), '');
      fs.rmSync(many, { recursive: true, force: true });
    });
  });
});
