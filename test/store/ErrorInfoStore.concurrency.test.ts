import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import { ErrorInfoStore } from '../../src/store/ErrorInfoStore.ts';
import { report } from '../cli/reportFixtures.ts';

const WRITER = path.join(import.meta.dirname, '../fixtures/cli/storeWriter.ts');
const FP = '0b5c5d8e-1d2f-5a3b-8c4d-1e2f3a4b5c6d';

/** Runs the writer fixture; resolves with its exit code once it ends. */
function writer(dir: string, count: number, mode: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir, FP, String(count), mode], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

describe('ErrorInfoStore across processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'err-conc-')), 'reports');
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  describe('three processes writing one fingerprint', () => {
    for (const mode of ['write', 'record']) {
      it(`should never tear the file nor lose an occurrence (${mode})`, async () => {
        const codes = await Promise.all([
          writer(dir, 150, mode),
          writer(dir, 150, mode),
          writer(dir, 150, mode),
        ]);
        assert.deepEqual(codes, [0, 0, 0]);
        const info = fromJSON(fs.readFileSync(path.join(dir, `${FP}.json`), 'utf8'));
        assert.equal(info.count, 450);
        assert.equal(info.firstSeen.toISOString(), '2024-05-01T00:00:00.000Z');
        const last = fs
          .readFileSync(path.join(dir, '.otel-err/index.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .at(-1)!;
        assert.equal((JSON.parse(last) as unknown[])[2], 450);
        assert.deepEqual(fs.readdirSync(path.join(dir, '.otel-err/locks')), []);
        assert.deepEqual(fs.readdirSync(path.join(dir, '.otel-err/tmp')), []);
      });
    }
  });

  describe('a writer that dies holding the lock', () => {
    it('should have its lock broken at once (its process is gone), and the write go through', async () => {
      fs.mkdirSync(path.join(dir, '.otel-err/locks'), { recursive: true });
      const holder = spawn(process.execPath, [WRITER, dir, FP, '0', 'hold-lock'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve());
        holder.once('close', code => reject(new Error(`the lock holder ended first (${code})`)));
      });
      holder.kill('SIGKILL');
      await new Promise(resolve => holder.on('close', resolve));
      const started = performance.now();
      const store = new ErrorInfoStore({ path: dir, fsync: false, lockStaleMs: 60_000 });
      assert.equal(store.writeSync(report({ fingerprint: FP })), true);
      assert.ok(performance.now() - started < 1000);
      assert.equal(fromJSON(fs.readFileSync(path.join(dir, `${FP}.json`), 'utf8')).count, 1);
    });
  });
});
