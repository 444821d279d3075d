import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { toJSON } from '../../src/errorinfo/codec.ts';
import { summarizeFile } from '../../src/cli/catalog/summarizeFile.ts';
import { KIND } from '../../src/store/IndexEntry.ts';
import { report, tempDir, writeWithStore } from './reportFixtures.ts';
import { hasStackTrace, runErr, tsvRows } from './runErr.ts';

const VALID = '11111111-1111-5111-8111-111111111111';
const NAMES = [
  'aaaaaaaa-0000-5000-8000-000000000001.json',
  'aaaaaaaa-0000-5000-8000-000000000002.json.gz',
  'export.jsonl',
];
const STAMP = { ino: 1, size: 1, mtimeUs: 1 };
const validText = toJSON(report({ fingerprint: 'aaaaaaaa-0000-5000-8000-000000000001' }));

/** Random bytes, gzip of random bytes, or a valid report with characters replaced. */
const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.uint8Array({ maxLength: 512 }).map(bytes => gzipSync(bytes)),
  fc
    .array(fc.tuple(fc.nat(validText.length - 1), fc.string({ minLength: 1, maxLength: 3 })), {
      minLength: 1,
      maxLength: 4,
    })
    .map(edits =>
      Buffer.from(
        edits.reduce(
          (text, [at, s]) => text.slice(0, at) + s + text.slice(at + s.length),
          validText,
        ),
      ),
    ),
);

describe('err over random bytes', () => {
  describe('summarizeFile (in process)', () => {
    let dir: string;
    before(() => (dir = tempDir()));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('should never throw and describe every file by entries or by one problem line', () => {
      fc.assert(
        fc.property(fc.constantFrom(...NAMES), hostileBytes, (name, bytes) => {
          fs.writeFileSync(path.join(dir, name), bytes);
          const entries = summarizeFile(dir, name, STAMP);
          assert.ok(entries.length >= 1);
          for (const entry of entries.filter(e => e.kind === KIND.bad)) {
            assert.match(entry.message, /^[^\n]+$/);
          }
        }),
        { seed: 20240501, numRuns: 400 },
      );
    });
  });

  describe('the err binary', () => {
    it('should list the good report, name each bad file in one line, and exit 0 or 1', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileBytes, { minLength: 3, maxLength: 3 }), async contents => {
          const dir = tempDir();
          try {
            writeWithStore(dir, [report({ fingerprint: VALID })]);
            contents.forEach((bytes, i) => fs.writeFileSync(path.join(dir, NAMES[i]!), bytes));
            const run = await runErr(['list', '-p', dir]);
            assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
            assert.ok(tsvRows(run.stdout).some(row => row[0] === '11111111'));
            assert.equal(hasStackTrace(run.stderr), false);
            for (const line of run.stderr.split('\n').filter(Boolean)) {
              assert.match(
                line,
                new RegExp(`^err: ${dir}/(${NAMES.join('|').replace(/\./g, '\\.')}): .+$`),
              );
            }
            assert.equal(run.code === 1, run.stderr !== '');
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }),
        { seed: 42, numRuns: 8 },
      );
    });
  });
});
