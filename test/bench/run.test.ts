import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

// Benchmarks never run inside `npm test`; a smoke run with tiny sizes keeps each one from rotting.
describe('bench/run.ts', () => {
  it('should run every benchmark with tiny sizes and print one table', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', 'bench/run.ts', '--smoke'], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.equal(run.status, 0, run.stderr);
    for (const id of ['B1', 'B2@10', 'B3', "B3'", 'B5']) {
      assert.match(run.stdout, new RegExp(`^${id.replace("'", "\\'")}\\s`, 'm'), `row ${id}`);
    }
    assert.match(run.stdout, /^id\s+what\s+ours\s+baseline\s+ratio\s+target\s+verdict$/m);
  });
});
