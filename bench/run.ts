// Runs every bench/**/*.bench.ts in its own child process and prints one table (or writes bench/results.json
// with --json). `--smoke` runs each with tiny sizes, as the test suite does to keep benchmarks from rotting.
import { spawnSync } from 'node:child_process';
import { globSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from './lib/BenchRow.ts';
import { ROWS_MARKER } from './lib/report.ts';
import { renderTable } from './lib/table.ts';

const TARGETS: readonly (readonly [string, string, string])[] = [
  ['B1', 'spans without exceptions through ExceptionSpanProcessor vs bare pipeline', '≤ 1.03×'],
  ['B2', 'enrich one exception vs @sentry/node capturing it', '≤ 0.25×'],
  ['B3', "caught-exception loop, locals 'uncaught' vs 'off'", '≤ 1.02×'],
  ["B3'", "locals 'all' per captured exception; vs Sentry LocalVariables", '≤ 150 µs; ≤ 0.1×'],
  ['B4', '`err list` over 100,000 reports', '≤ 1 s, ≤ 100 MiB'],
  ['B5', '1M exceptions from 1k distinct bugs: RSS growth', '≤ 50 MiB'],
  ['B6', 'fail-fast exit with 10k pending spans to a live OTLP receiver', '≤ 250 ms, all received'],
];

const benchDir = import.meta.dirname;
const args = new Set(process.argv.slice(2));
const files = globSync('**/*.bench.ts', { cwd: benchDir }).sort();
const rows: BenchRow[] = [];
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const child = spawnSync(process.execPath, ['--expose-gc', path.join(benchDir, file)], {
    env: { ...process.env, BENCH_CHILD: '1', BENCH_SMOKE: args.has('--smoke') ? '1' : '' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find(text => text.startsWith(ROWS_MARKER));
  if (child.status !== 0 || line === undefined) {
    process.stderr.write(`${file} failed (exit ${child.status}):\n${child.stdout}\n`);
    process.exitCode = 1;
    continue;
  }
  rows.push(...(JSON.parse(line.slice(ROWS_MARKER.length)) as BenchRow[]));
}
for (const [id, what, target] of TARGETS) {
  if (
    !rows.some(row => row.id === id || row.id.startsWith(`${id}@`) || row.id.startsWith(`${id} `))
  ) {
    rows.push({ id, what, ours: 'not yet', baseline: '-', ratio: null, target, pass: null });
  }
}
rows.sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true }));
const environment = {
  node: process.version,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  date: new Date().toISOString(),
};
process.stdout.write(
  `node ${environment.node}, ${environment.cpus} × ${environment.cpu}, ${environment.memory}\n\n`,
);
process.stdout.write(`${renderTable(rows)}\n`);
if (args.has('--json')) {
  writeFileSync(
    path.join(benchDir, 'results.json'),
    `${JSON.stringify({ environment, rows }, null, 2)}\n`,
  );
}
