// Memory soak in a child process: 20,000 captured exceptions in mode 'all' (half taken, half left
// to expire), heap measured after full GCs at the 10 % mark and at the end.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from './runScenario.ts';

const MiB = 1024 * 1024;

describe('InspectorCollector soak', () => {
  describe('20,000 captured exceptions', () => {
    it('should keep the heap flat (within 3 MiB)', async () => {
      const { code, lines, stderr } = await runScenario('soak.mjs', {
        execArgv: ['--expose-gc'],
        args: ['20000'],
        timeoutMs: 30_000,
      });
      assert.equal(code, 0, stderr);
      const out = lines.at(-1) as { total: number; captured: number; growthBytes: number };
      assert.equal(out.captured, 10_000);
      assert.equal(
        out.growthBytes < 3 * MiB,
        true,
        `heap grew ${(out.growthBytes / MiB).toFixed(2)} MiB`,
      );
    });
  });
});
