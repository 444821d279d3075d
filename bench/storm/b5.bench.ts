// B5: an error storm through the err pipeline (standalone provider, ExceptionSpanProcessor, middleware,
// printing off): M exceptions from N distinct bugs, RSS growth after GC past a warm-up (steady state), and the
// peak RSS. Crash files are left out: their cost is disk time (a first report is ~1-2 ms of fsync), not memory.
// Each size runs in a fresh child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from '../lib/BenchRow.ts';
import { report } from '../lib/report.ts';

const SMOKE = process.env.BENCH_SMOKE === '1';
const TARGET_MIB = 50;
const MiB = 2 ** 20;

interface ChildResult {
  growthMiB: number;
  peakMiB: number;
  microsPerException: number;
}

function bugModule(bugs: number): string {
  const lines = ['export const bugs = ['];
  for (let i = 0; i < bugs; i++)
    lines.push(`  v => { throw new RangeError('bug ${i} got ' + v); },`);
  lines.push('];');
  return lines.join('\n');
}

async function child(bugs: number, exceptions: number): Promise<ChildResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-err-b5-'));
  try {
    const modulePath = path.join(dir, 'bugs.mjs');
    writeFileSync(modulePath, bugModule(bugs));
    const { bugs: throwers } = (await import(modulePath)) as { bugs: ((value: number) => never)[] };
    const { err } = await import('../../src/index.ts');
    err.setup({
      name: 'b5',
      errorInfoPath: path.join(dir, 'reports'),
      format: null,
      locals: 'off',
    });
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
    // Warm-up: every bug once (the caches fill), then a fifth of the run, so that V8's young generation has
    // grown to what this allocation rate asks for: the growth measured after it is what the pipeline retains.
    for (let i = 0; i < bugs + Math.floor(exceptions / 5); i++) {
      try {
        throwers[i % bugs]!(i);
      } catch (error) {
        err.process(error);
      }
    }
    await err.flush();
    gc();
    const before = process.memoryUsage().rss;
    const start = process.hrtime.bigint();
    for (let i = 0; i < exceptions; i++) {
      try {
        throwers[i % bugs]!(i);
      } catch (error) {
        err.process(error);
      }
    }
    const elapsed = Number(process.hrtime.bigint() - start) / 1000;
    await err.shutdown();
    gc();
    const after = process.memoryUsage().rss;
    return {
      growthMiB: (after - before) / MiB,
      peakMiB: process.resourceUsage().maxRSS / 1024,
      microsPerException: elapsed / exceptions,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(bugs: number, exceptions: number): ChildResult {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', import.meta.filename, '--child', String(bugs), String(exceptions)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * MiB },
  );
  const line = result.stdout.split('\n').find(text => text.startsWith('{'));
  if (result.status !== 0 || line === undefined)
    throw new Error(`B5 child failed: ${result.stdout}`);
  return JSON.parse(line) as ChildResult;
}

function row(
  id: string,
  bugs: number,
  exceptions: number,
  result: ChildResult,
  target: boolean,
): BenchRow {
  return {
    id,
    what: `${exceptions.toLocaleString('en')} exceptions from ${bugs.toLocaleString('en')} bugs through err.process (${result.microsPerException.toFixed(1)} µs each): RSS growth`,
    ours: `${result.growthMiB.toFixed(1)} MiB (peak ${result.peakMiB.toFixed(0)} MiB)`,
    baseline: '-',
    ratio: null,
    target: target ? `≤ ${TARGET_MIB} MiB` : '-',
    pass: target ? result.growthMiB <= TARGET_MIB : null,
  };
}

if (process.argv[2] === '--child') {
  const result = await child(Number(process.argv[3]), Number(process.argv[4]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const exceptions = SMOKE ? 2_000 : 1_000_000;
  const sizes: [string, number, boolean][] = SMOKE
    ? [
        ['B5@10', 10, false],
        ['B5', 100, true],
      ]
    : [
        ['B5@10', 10, false],
        ['B5', 1_000, true],
        ['B5@100k', 100_000, false],
      ];
  const rows: BenchRow[] = [];
  for (const [id, bugs, target] of sizes) {
    rows.push(
      row(id, bugs, Math.max(exceptions, bugs), runChild(bugs, Math.max(exceptions, bugs)), target),
    );
  }
  report(rows);
}
