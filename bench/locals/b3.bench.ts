// B3: a caught-exception loop with locals 'uncaught' against locals 'off', in one process. Rounds
// alternate which side runs first; each round starts a fresh collector (and stops it) around its
// 'uncaught' sample, so both sides see the same warmed-up code. Medians of µs per iteration.
//
// - B3 throws and catches a 3-frame Error per iteration and does nothing else: the worst case.
// - B3@work adds the kind of work a request handler does around a caught exception (parse,
//   validate, serialise a small JSON document): informational.
// 'uncaught' never pauses on these throws; what it costs is V8's own: with the Debugger domain
// enabled, every throw runs a catch prediction (a stack walk), whatever the pause state.
import { startLocalsCollector } from '../../src/locals/index.ts';
import type { BenchRow } from '../lib/BenchRow.ts';
import { formatMicros, median, sample } from '../lib/measure.ts';
import { report } from '../lib/report.ts';
import { handle, sink } from './orderWorkload.ts';

const smoke = process.env.BENCH_SMOKE === '1';
const ROUNDS = smoke ? 2 : 21;
const WARMUP = smoke ? 1 : 3;

const order = { items: [1, 2, 3], total: 7 };
const text = JSON.stringify({
  id: 'o-1',
  customer: { id: 42, name: 'Ada' },
  items: [1, 2, 3],
  total: 7,
  tags: ['a', 'b'],
});

function bareThrow(): void {
  try {
    handle(order);
  } catch (error) {
    sink.value = error;
  }
}

function withWork(): void {
  const parsed = JSON.parse(text) as { items: number[]; total: number };
  try {
    handle(parsed);
  } catch (error) {
    sink.value = error;
  }
  sink.value = JSON.stringify(parsed);
}

/** µs per iteration with locals 'uncaught' and 'off', sampled alternately. */
async function measure(work: () => void, iterations: number): Promise<{ on: number; off: number }> {
  const on: number[] = [];
  const off: number[] = [];
  const runOn = async () => {
    const collector = startLocalsCollector({ mode: 'uncaught' });
    await sample(work, iterations / 10);
    const time = await sample(work, iterations);
    collector.stop();
    return time;
  };
  const runOff = async () => {
    await sample(work, iterations / 10);
    return sample(work, iterations);
  };
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const first = round % 2 === 0;
    const a = first ? await runOn() : await runOff();
    const b = first ? await runOff() : await runOn();
    if (round < WARMUP) continue;
    on.push(first ? a : b);
    off.push(first ? b : a);
  }
  return { on: median(on), off: median(off) };
}

const rows: BenchRow[] = [];
for (const [id, what, work, iterations, target] of [
  [
    'B3',
    "caught-exception loop (3-frame Error), locals 'uncaught' vs 'off'",
    bareThrow,
    20_000,
    true,
  ],
  [
    'B3@work',
    'same, with JSON parse + stringify around each throw (informational)',
    withWork,
    5_000,
    false,
  ],
] as const) {
  const { on, off } = await measure(work, smoke ? 200 : iterations);
  const ratio = on / off;
  rows.push({
    id,
    what,
    ours: `${formatMicros(on)}/iteration`,
    baseline: `${formatMicros(off)}/iteration`,
    ratio,
    target: target ? '≤ 1.02×' : '-',
    pass: target ? ratio <= 1.02 : null,
  });
}
void sink.value;
report(rows);
