import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { copyFixture, report, tempDir, writeWithStore } from './reportFixtures.ts';
import { runErr, tsvRows } from './runErr.ts';

const A = '11111111-1111-5111-8111-111111111111';
const B = '22222222-2222-5222-8222-222222222222';
const C = '33333333-3333-5333-8333-333333333333';

function fleet(): string {
  const dir = tempDir();
  writeWithStore(dir, [
    report({ fingerprint: A, lastSeen: '2024-05-01T00:00:00Z' }),
    report({ fingerprint: B, lastSeen: new Date(Date.now() - 3_600_000).toISOString() }),
  ]);
  writeWithStore(dir, [report({ fingerprint: C, lastSeen: '2024-04-01T00:00:00Z' })], true);
  copyFixture(dir, 'otlp-traces.jsonl', 'traces.jsonl');
  return dir;
}

async function listed(dir: string): Promise<string[]> {
  return tsvRows((await runErr(['list', '-p', dir])).stdout).map(row => row[0]!);
}

describe('err clear', () => {
  describe('by fingerprint prefix', () => {
    it('should remove the report file, keep the others, and keep the index fresh', async () => {
      const dir = fleet();
      await runErr(['list', '-p', dir]);
      const run = await runErr(['clear', '1111', '-p', dir]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, `removed ${dir}/${A}.json\n`);
      assert.equal(fs.existsSync(path.join(dir, `${A}.json`)), false);
      const after = await runErr(['list', '-p', dir, '--debug']);
      assert.doesNotMatch(after.stderr, /rebuilding/);
      assert.equal(
        tsvRows(after.stdout).some(row => row[0] === '11111111'),
        false,
      );
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should refuse to remove a report that comes from OTLP files', async () => {
      const dir = fleet();
      const run = await runErr(['clear', '7d1c', '-p', dir]);
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /comes from OTLP files such as traces\.jsonl, which err does not remove/,
      );
      assert.equal(fs.existsSync(path.join(dir, 'traces.jsonl')), true);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should say so and remove nothing when a prefix matches no report', async () => {
      const dir = fleet();
      const run = await runErr(['clear', 'abcdef', '1111', '-p', dir]);
      assert.equal(run.code, 3);
      assert.equal(run.stderr, 'err: no report matches abcdef\n');
      assert.equal(fs.existsSync(path.join(dir, `${A}.json`)), true);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('by age and all', () => {
    it('should only print what --older-than would remove with --dry-run', async () => {
      const dir = fleet();
      const run = await runErr(['clear', '--older-than', '7d', '--dry-run', '-p', dir]);
      assert.equal(run.code, 0);
      assert.equal(run.stdout, `would remove ${dir}/${A}.json\nwould remove ${dir}/${C}.json.gz\n`);
      assert.equal((await listed(dir)).length, 5);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should remove reports not seen for longer than --older-than', async () => {
      const dir = fleet();
      const run = await runErr(['clear', '--older-than', '7d', '-p', dir]);
      assert.equal(run.code, 0);
      assert.deepEqual(
        (await listed(dir)).filter(fp => /^\d{8}$/.test(fp)),
        ['22222222'],
      );
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should remove every report and unreadable report file with --all, never an OTLP file', async () => {
      const dir = fleet();
      fs.writeFileSync(path.join(dir, 'deadbeef-0000-5000-8000-000000000000.json'), 'corrupt');
      const run = await runErr(['clear', '--all', '-p', dir]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['.otel-err', 'traces.jsonl']);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('arguments', () => {
    const invalid: readonly (readonly string[])[] = [
      [],
      ['--all', '1111'],
      ['--all', '--older-than', '1d'],
    ];
    for (const args of invalid) {
      it(`should refuse \`err clear ${args.join(' ')}\` with exit 2`, async () => {
        const dir = tempDir();
        const run = await runErr(['clear', ...args, '-p', dir]);
        assert.equal(run.code, 2);
        assert.equal(
          run.stderr,
          'err: give fingerprints, or --all, or --older-than (exactly one of them)\n',
        );
        fs.rmSync(dir, { recursive: true, force: true });
      });
    }
  });
});
