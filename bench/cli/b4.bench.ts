// B4: `err list` over N reports (1k, 10k, 100k), wall time and peak RSS of the child process.
//
// - Reports are written by the real ErrorInfoStore (so the index is the one writers maintain) into
//   a directory cached in the temp dir across runs (100k take ~40 s to write); `.complete` marks it.
// - The measured process is $B4_BIN if set, else the built bin (dist/src/cli/bin.js) when it is
//   newer than the sources, else the TypeScript source run by type stripping (slower start); the
//   row says which.
// - Each size runs 5 times after one warm-up (page cache, compile cache); medians are reported.
// - Informational rows: the same 100k directory after a foreign change (stat of every file, lines
//   reused) and with no index at all (every report read): what a first `err list` costs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from '../lib/BenchRow.ts';
import { median } from '../lib/measure.ts';
import { report } from '../lib/report.ts';
import { generateReports } from './generateReports.ts';

const smoke = process.env.BENCH_SMOKE === '1';
const root = path.join(import.meta.dirname, '../..');
const GENERATOR_VERSION = 1;
const PEAK_MARKER = 'B4_PEAK_RSS_KB ';
// Preloaded into the measured process to print its peak RSS on exit (no /usr/bin/time needed). A
// data: URL of plain JavaScript: a .ts preload would load Node's type stripper (~30 MiB).
const PEAK_PRELOAD = `data:text/javascript,${encodeURIComponent(
  `import fs from 'node:fs'; process.on('exit', () => fs.writeSync(2, '\\n${PEAK_MARKER}' + process.resourceUsage().maxRSS + '\\n'));`,
)}`;
const RUNS = smoke ? 1 : 5;
const SIZES: readonly [number, string][] = smoke
  ? [[100, 'B4@100 (smoke)']]
  : [
      [1000, 'B4@1k'],
      [10_000, 'B4@10k'],
      [100_000, 'B4@100k'],
    ];
const GUFO: Readonly<Record<number, string>> = {
  10_000: 'Gufo Err 0.97 s',
  100_000: 'Gufo Err 6.1 s, 97 MiB',
};

const { bin, built } = chooseBin();

interface Measure {
  wallMs: number;
  peakMiB: number;
}

function chooseBin(): { bin: string; built: boolean } {
  if (process.env.B4_BIN)
    return { bin: process.env.B4_BIN, built: !process.env.B4_BIN.endsWith('.ts') };
  const dist = path.join(root, 'dist/src/cli/bin.js');
  const newestSource = Math.max(
    ...['src/cli', 'src/store'].flatMap(dir =>
      fs
        .readdirSync(path.join(root, dir), { recursive: true })
        .map(f => fs.statSync(path.join(root, dir, String(f))).mtimeMs),
    ),
  );
  const distTime = fs.statSync(dist, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return distTime >= newestSource
    ? { bin: dist, built: true }
    : { bin: path.join(root, 'src/cli/bin.ts'), built: false };
}

function reportDir(count: number): string {
  const dir = path.join(os.tmpdir(), `otel-err-b4-v${GENERATOR_VERSION}-${count}`);
  if (fs.existsSync(`${dir}.complete`)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`  writing ${count} reports into ${dir}…\n`);
  generateReports(dir, count);
  fs.writeFileSync(`${dir}.complete`, '');
  return dir;
}

function listOnce(dir: string, extra: readonly string[] = []): Measure {
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ['--import', PEAK_PRELOAD, bin, 'list', '-p', dir, ...extra],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    },
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const peak = child.stderr.split('\n').find(line => line.startsWith(PEAK_MARKER));
  if (child.status !== 0 || peak === undefined)
    throw new Error(`err list failed (${child.status}): ${child.stderr}`);
  return { wallMs, peakMiB: Number(peak.slice(PEAK_MARKER.length)) / 1024 };
}

function measure(dir: string, prepare: () => void = () => undefined): Measure {
  prepare();
  listOnce(dir);
  const runs: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    prepare();
    runs.push(listOnce(dir));
  }
  return { wallMs: median(runs.map(r => r.wallMs)), peakMiB: median(runs.map(r => r.peakMiB)) };
}

function row(id: string, what: string, m: Measure, baseline: string, target: boolean): BenchRow {
  const pass = m.wallMs <= 1000 && m.peakMiB <= 100;
  return {
    id,
    what,
    ours: `${(m.wallMs / 1000).toFixed(2)} s, ${m.peakMiB.toFixed(0)} MiB`,
    baseline,
    ratio: target ? m.wallMs / 1000 : null,
    target: target ? '≤ 1 s, ≤ 100 MiB' : '-',
    pass: target ? pass : null,
  };
}

const rows: BenchRow[] = [];
const binName = built ? 'built bin' : 'TS source';
for (const [count, id] of SIZES) {
  const dir = reportDir(count);
  rows.push(
    row(
      id,
      `err list over ${count} reports (${binName}, index fresh)`,
      measure(dir),
      GUFO[count] ?? '-',
      count === 100_000,
    ),
  );
}
const largest = SIZES.at(-1)!;
const dir = reportDir(largest[0]);
const touch = (): void => {
  fs.writeFileSync(path.join(dir, 'touch'), '');
  fs.rmSync(path.join(dir, 'touch'));
};
rows.push(
  row(
    `${largest[1].split(' ')[0]} changed`,
    `… after a foreign change: stat all, reuse lines (${binName})`,
    measure(dir, touch),
    '-',
    false,
  ),
);
const index = path.join(dir, '.otel-err/index.jsonl');
const cold = (): void => fs.rmSync(index, { force: true });
rows.push(
  row(
    `${largest[1].split(' ')[0]} cold`,
    `… without an index: read every report (${binName})`,
    measure(dir, cold),
    '-',
    false,
  ),
);
listOnce(dir);
report(rows);
