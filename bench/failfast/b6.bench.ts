// B6: fail-fast exit with 10,000 pending spans to a live local OTLP receiver (OTLP/HTTP JSON on loopback,
// receiver in this process). Each run is a fresh child (b6Child.ts, NodeSDK); the figure is the wall time from
// the child's trigger to its exit as seen here (same epoch clock), and the spans the receiver got.
// - B6: our fail-fast (crash file written and fsynced, terse traceback, drain, exit) with the SDK's default
//   maxExportBatchSize (512); baseline: the hand-written `await sdk.shutdown(); process.exit(1)`.
// - B6@batch2048: the same with maxExportBatchSize 2048 (fewer, larger requests), informational.
// - B6@burst: 20,000 pending spans with batch 512: the OTLP exporter refuses more than 30 requests at once,
//   so the plain shutdown loses spans; our drain widens the batches first (informational).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OtlpReceiver } from '../../test/helpers/otlp/OtlpReceiver.ts';
import type { BenchRow } from '../lib/BenchRow.ts';
import { median } from '../lib/measure.ts';
import { report } from '../lib/report.ts';

const smoke = process.env.BENCH_SMOKE === '1';
const RUNS = smoke ? 1 : 9;
const SPANS = smoke ? 200 : 10_000;
const TARGET_MS = 250;

interface Run {
  ms: number;
  received: number;
  code: number | null;
}

const receiver = await OtlpReceiver.start();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-err-b6-'));

async function once(mode: 'ours' | 'plain', spans: number, maxBatch: number): Promise<Run> {
  receiver.requests.length = 0;
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'b6Child.ts')], {
    env: {
      ...process.env,
      MODE: mode,
      SPANS: String(spans),
      MAX_BATCH: String(maxBatch),
      OTLP_TRACES_URL: receiver.tracesUrl,
      ERR_DIR: dir,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  let exitedAt = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.on('exit', () => (exitedAt = performance.timeOrigin + performance.now()));
  const code = await new Promise<number | null>(resolve => child.on('close', resolve));
  const line = stdout.split('\n').find(text => text.startsWith('{"trigger"'));
  if (line === undefined) throw new Error(`b6 child (${mode}) printed no trigger; exit ${code}`);
  const trigger = (JSON.parse(line) as { trigger: number }).trigger;
  const received = receiver.spans().filter(span => span.name === 'GET /orders/:id').length;
  return { ms: exitedAt - trigger, received, code };
}

async function measure(mode: 'ours' | 'plain', spans: number, maxBatch: number) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(mode, spans, maxBatch));
  return {
    ms: median(runs.map(run => run.ms)),
    worstMs: Math.max(...runs.map(run => run.ms)),
    received: Math.min(...runs.map(run => run.received)),
    codes: [...new Set(runs.map(run => run.code))],
  };
}

const ours = await measure('ours', SPANS, 512);
const plain = await measure('plain', SPANS, 512);
const wide = await measure('ours', SPANS, 2048);
const burst = await measure('ours', SPANS * 2, 512);
const burstPlain = await measure('plain', SPANS * 2, 512);
await receiver.close();
fs.rmSync(dir, { recursive: true, force: true });

const fmt = (figure: Awaited<ReturnType<typeof measure>>, spans: number) =>
  `${figure.ms.toFixed(0)} ms (max ${figure.worstMs.toFixed(0)}), ${figure.received}/${spans} received`;
const rows: BenchRow[] = [
  {
    id: 'B6',
    what: `fail-fast exit with ${SPANS} pending spans to a live OTLP receiver (batch 512), median of ${RUNS}`,
    ours: fmt(ours, SPANS),
    baseline: `${fmt(plain, SPANS)} (sdk.shutdown + exit)`,
    ratio: ours.ms / TARGET_MS,
    target: `≤ ${TARGET_MS} ms, all received`,
    pass: ours.ms <= TARGET_MS && ours.received === SPANS && ours.codes.every(code => code === 1),
  },
  {
    id: 'B6@batch2048',
    what: 'the same with maxExportBatchSize 2048 (informational)',
    ours: fmt(wide, SPANS),
    baseline: fmt(ours, SPANS),
    ratio: wide.ms / ours.ms,
    target: '-',
    pass: null,
  },
  {
    id: 'B6@burst',
    what: `${SPANS * 2} pending spans, batch 512: ours vs sdk.shutdown + exit (informational)`,
    ours: fmt(burst, SPANS * 2),
    baseline: fmt(burstPlain, SPANS * 2),
    ratio: burst.ms / burstPlain.ms,
    target: '-',
    pass: null,
  },
];
report(rows);
