// B3': locals 'all', cost per captured exception. In this process, rounds rotate three variants
// over the same caught 3-frame throw: 'off' (no debugger), 'floor' (a bare same-thread inspector
// session pausing on every exception and resuming at once: the floor of any pause-based capture)
// and 'ours' (startLocalsCollector({ mode: 'all' }), each error's locals taken, every one checked).
// @sentry/node runs in child processes (bench/locals/sentryLocalsChild.ts), with LocalVariables
// (captureAllExceptions, rate limit lifted, vars checked on every event) and without it.
import { spawnSync } from 'node:child_process';
import inspector from 'node:inspector';
import path from 'node:path';
import { startLocalsCollector } from '../../src/locals/index.ts';
import type { BenchRow } from '../lib/BenchRow.ts';
import { formatMicros, median, sample } from '../lib/measure.ts';
import { report } from '../lib/report.ts';
import { handle, sink } from './orderWorkload.ts';

const smoke = process.env.BENCH_SMOKE === '1';
const ITERATIONS = smoke ? 20 : 300;
const ROUNDS = smoke ? 2 : 15;
const WARMUP = smoke ? 1 : 3;
const TARGET_US = 150;

let taken = 0;
let lastLocals: unknown;

type Variant = 'off' | 'floor' | 'ours';

/** Sets a variant up, runs `ITERATIONS` caught throws (after a short warm-up), tears it down. */
async function run(variant: Variant): Promise<number> {
  let take: (error: unknown) => unknown = () => undefined;
  let teardown = () => undefined as void;
  if (variant === 'floor') {
    const session = new inspector.Session();
    session.connect();
    session.on('Debugger.paused', () => session.post('Debugger.resume'));
    session.post('Debugger.enable');
    session.post('Debugger.setPauseOnExceptions', { state: 'all' });
    teardown = () => session.disconnect();
  } else if (variant === 'ours') {
    const collector = startLocalsCollector({ mode: 'all', maxPerSecond: 100_000 });
    take = error => collector.take(error);
    teardown = () => collector.stop();
  }
  let i = 0;
  const work = () => {
    try {
      handle({ items: [1, 2, i++], total: -1 });
    } catch (error) {
      const locals = take(error);
      if (locals !== undefined) {
        taken++;
        lastLocals = locals;
      }
      sink.value = error;
    }
  };
  await sample(work, Math.max(5, ITERATIONS / 10));
  taken = 0;
  const time = await sample(work, ITERATIONS);
  if (variant === 'ours' && taken !== ITERATIONS)
    throw new Error(`captured ${taken} of ${ITERATIONS}`);
  teardown();
  return time;
}

async function inProcess(rounds: number, samples: Record<Variant, number[]>): Promise<void> {
  const order: Variant[] = ['off', 'floor', 'ours'];
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < order.length; k++) {
      const variant = order[(round + k) % order.length] as Variant;
      samples[variant].push(await run(variant));
    }
  }
}

function sentry(variant: 'locals' | 'plain'): {
  usPerException: number;
  events: number;
  eventsWithVars: number;
} {
  const child = spawnSync(
    process.execPath,
    [
      path.join(import.meta.dirname, 'sentryLocalsChild.ts'),
      variant,
      String(variant === 'locals' ? (smoke ? 5 : 60) : ITERATIONS),
      String(smoke ? 1 : 9),
      String(smoke ? 0 : 2),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 300_000 },
  );
  const line = child.stdout.split('\n').find(text => text.startsWith('{'));
  if (line === undefined) throw new Error(`sentry ${variant} child failed (exit ${child.status})`);
  return JSON.parse(line) as { usPerException: number; events: number; eventsWithVars: number };
}

const samples: Record<Variant, number[]> = { off: [], floor: [], ours: [] };
await inProcess(WARMUP, { off: [], floor: [], ours: [] });
await inProcess(Math.ceil(ROUNDS / 2), samples);
const sentryLocals = sentry('locals');
const sentryPlain = sentry('plain');
await inProcess(Math.floor(ROUNDS / 2), samples);
if (sentryLocals.eventsWithVars !== sentryLocals.events) {
  throw new Error(
    `Sentry events with vars: ${sentryLocals.eventsWithVars} of ${sentryLocals.events}`,
  );
}

const off = median(samples.off);
const floor = median(samples.floor);
const ours = median(samples.ours);
const rows: BenchRow[] = [
  {
    id: "B3'",
    what: "locals 'all': one caught exception captured (5 frames read) and taken",
    ours: `${formatMicros(ours)}/exception`,
    baseline: `${formatMicros(floor)} pause floor`,
    ratio: ours / TARGET_US,
    target: `≤ ${TARGET_US} µs`,
    pass: ours <= TARGET_US,
  },
  {
    id: "B3'@floor",
    what: 'ours above the bare pause (no reads), same run (informational)',
    ours: `+${formatMicros(ours - floor)}`,
    baseline: `${formatMicros(off)} no debugger`,
    ratio: ours / floor,
    target: '-',
    pass: null,
  },
  {
    id: "B3'@sentry",
    what: '@sentry/node 11 LocalVariables (captureAllExceptions), vars on every event',
    ours: `${formatMicros(ours)}/exception`,
    baseline: `${formatMicros(sentryLocals.usPerException)}/exception`,
    ratio: ours / sentryLocals.usPerException,
    target: '≤ 0.1×',
    pass: ours / sentryLocals.usPerException <= 0.1,
  },
  {
    id: "B3'@sentry-locals",
    what: 'locals share only: ours − no debugger vs Sentry with − without LocalVariables',
    ours: `${formatMicros(ours - off)}/exception`,
    baseline: `${formatMicros(sentryLocals.usPerException - sentryPlain.usPerException)}/exception`,
    ratio: (ours - off) / (sentryLocals.usPerException - sentryPlain.usPerException),
    target: '-',
    pass: null,
  },
];
void sink.value;
void lastLocals;
report(rows);
