// B2: enrich one exception (frames, source context, fingerprint; no locals) with captureErrorInfo,
// against @sentry/node 11 (default integrations, stub transport) capturing an identical error.
//
// - Each iteration of either side builds a FRESH error the same way (recursion to the depth, throw,
//   catch); the depth rows set `Error.stackTraceLimit` to the depth, so the stack holds exactly that
//   many frames. Defaults on both sides: captureErrorInfo keeps 128 frames, Sentry parses 50.
// - Sentry finishes an event asynchronously (its event processors, e.g. ContextLines, return
//   promises). The target uses its FULL cost: a batch of captures, then waiting until the transport
//   received every event. The user's thread pays less: the synchronous `captureException` calls,
//   timed apart inside the same batches and reported as the "sync" rows.
// - The informational TS rows throw from compiled TypeScript (test/fixtures/capture/app/ts), so our
//   side also moves every frame through the source map and reads the .ts file.
// - The cold rows run in fresh child processes: the first capture pays file reads, map decoding and
//   unoptimised code.
import { spawnSync } from 'node:child_process';
import * as Sentry from '@sentry/node';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import type * as ServiceModule from '../../test/fixtures/capture/app/ts/service.ts';
import type { BenchRow } from '../lib/BenchRow.ts';
import { formatMicros, interleave, median, type InterleaveOptions } from '../lib/measure.ts';
import { report } from '../lib/report.ts';

const smoke = process.env.BENCH_SMOKE === '1';
// Sentry drops events beyond 64 in processing at once: batches stay well under that.
const BATCH = smoke ? 4 : 20;
const options: InterleaveOptions = smoke
  ? { iterations: 2, rounds: 3, warmup: 1 }
  : { iterations: 5, rounds: 21, warmup: 4 };
const TARGET = 0.25;

function nest(depth: number, fail: () => never): never {
  return depth <= 1 ? fail() : nest(depth - 1, fail);
}

let serial = 0;

/** A fresh error `depth` frames deep (with `Error.stackTraceLimit` at the depth), thrown and caught. */
function plainError(depth: number): unknown {
  const id = serial++;
  try {
    nest(depth, () => {
      throw new Error(`order ${id} failed`);
    });
  } catch (error) {
    return error;
  }
}

// The compiled JavaScript at run time (a URL, so tsc does not look for its types), typed by its TypeScript source.
const serviceUrl = new URL(
  '../../test/fixtures/capture/app/ts/external/service.js',
  import.meta.url,
);
const { OrderService, placeNested } = (await import(serviceUrl.href)) as typeof ServiceModule;
const service = new OrderService(5);

/** A fresh error thrown from compiled TypeScript, `depth` calls into it. */
function tsError(depth: number): unknown {
  const id = `o-${serial++}`;
  try {
    placeNested(service, { id, quantity: 9 }, depth);
  } catch (error) {
    return error;
  }
}

// --- Sentry with a stub transport that counts the events it receives ---------------------------

let eventsSent = 0;
let eventsProcessed = 0;
let lastEventFrames = 0;
let waiter: { count: number; resolve: () => void } | null = null;

function onSent(): void {
  eventsSent += 1;
  if (waiter !== null && eventsSent >= waiter.count) {
    waiter.resolve();
    waiter = null;
  }
}

function sentryInit(): void {
  Sentry.init({
    dsn: 'http://public@127.0.0.1:9/1',
    transport: () => ({
      send: envelope => {
        const items = envelope[1] as unknown as [{ type?: string }][];
        if (items.some(([header]) => header.type === 'event')) onSent();
        return Promise.resolve({ statusCode: 200 });
      },
      flush: () => Promise.resolve(true),
    }),
    beforeSend: event => {
      eventsProcessed += 1;
      lastEventFrames = event.exception?.values?.at(-1)?.stacktrace?.frames?.length ?? 0;
      return event;
    },
  });
}

function allSent(count: number): Promise<void> {
  if (eventsSent >= count) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Sentry sent ${eventsSent} of ${count} events: it dropped some`));
    }, 10_000);
    waiter = {
      count,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    };
  });
}

// --- One comparison ------------------------------------------------------------------------------

interface Comparison {
  ours: number;
  sentryFull: number;
  sentrySync: number;
  sentryFrames: number;
}

/**
 * A young-generation collection at the end of each sample (every `iterations` calls), timed with it:
 * each side pays for its own garbage instead of leaving scavenges to land in the other side's next
 * sample (Sentry allocates several times more per event, which otherwise inflates OUR figures). The
 * forced scavenge (~0.1-0.3 ms) adds 1-3 µs per exception to both sides. Needs `--expose-gc`.
 */
function garbagePayer(): () => void {
  let calls = 0;
  return () => {
    calls += 1;
    if (calls % (options.iterations ?? 1) === 0) globalThis.gc?.({ type: 'minor' });
  };
}

async function compare(make: () => unknown, limit: number): Promise<Comparison> {
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  const syncSamples: number[] = [];
  const oursPays = garbagePayer();
  const sentryPays = garbagePayer();
  const ours = () => {
    for (let i = 0; i < BATCH; i++) captureErrorInfo(make());
    oursPays();
  };
  const sentry = async () => {
    const target = eventsSent + BATCH;
    let syncNanos = 0n;
    for (let i = 0; i < BATCH; i++) {
      const error = make();
      const start = process.hrtime.bigint();
      Sentry.captureException(error);
      syncNanos += process.hrtime.bigint() - start;
    }
    syncSamples.push(Number(syncNanos) / 1000 / BATCH);
    await allSent(target);
    sentryPays();
  };
  const processedBefore = eventsProcessed;
  const result = await interleave(ours, sentry, options);
  Error.stackTraceLimit = previousLimit;
  const calls = (options.iterations ?? 1) * ((options.rounds ?? 1) + (options.warmup ?? 0)) * BATCH;
  if (eventsProcessed - processedBefore !== calls) {
    throw new Error(`Sentry processed ${eventsProcessed - processedBefore} of ${calls} events`);
  }
  const measured = syncSamples.slice((options.warmup ?? 0) * (options.iterations ?? 1));
  return {
    ours: result.a / BATCH,
    sentryFull: result.b / BATCH,
    sentrySync: median(measured),
    sentryFrames: lastEventFrames,
  };
}

// --- Cold: the first capture in a fresh process --------------------------------------------------

type ColdSide = 'ours' | 'ours-ts' | 'sentry';

async function coldChild(side: ColdSide): Promise<void> {
  Error.stackTraceLimit = 10;
  if (side === 'sentry') sentryInit();
  const error = side === 'ours-ts' ? tsError(10) : plainError(10);
  const start = process.hrtime.bigint();
  if (side === 'sentry') {
    Sentry.captureException(error);
    await allSent(1);
  } else {
    captureErrorInfo(error);
  }
  process.stdout.write(`${Number(process.hrtime.bigint() - start) / 1000}\n`);
}

function cold(side: ColdSide): number {
  const runs = smoke ? 1 : 7;
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const child = spawnSync(process.execPath, [import.meta.filename], {
      env: { ...process.env, B2_COLD: side },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`cold ${side} failed: ${child.stderr}`);
    samples.push(Number(child.stdout.trim().split('\n').at(-1)));
  }
  return median(samples);
}

// --- Rows ----------------------------------------------------------------------------------------

function row(
  id: string,
  what: string,
  ours: number,
  base: number,
  baseText: string,
  target: boolean,
): BenchRow {
  const ratio = ours / base;
  return {
    id,
    what,
    ours: `${formatMicros(ours)}/exception`,
    baseline: baseText,
    ratio,
    target: target ? `≤ ${TARGET}×` : '-',
    pass: target ? ratio <= TARGET : null,
  };
}

function sentryText(result: Comparison): string {
  const full = formatMicros(result.sentryFull);
  return `Sentry ${full} (sync ${formatMicros(result.sentrySync)}, ${result.sentryFrames} frames)`;
}

async function main(): Promise<void> {
  const coldOurs = cold('ours');
  const coldTs = cold('ours-ts');
  const coldSentry = cold('sentry');
  sentryInit();
  const rows: BenchRow[] = [];
  const mapped: BenchRow[] = [];
  const sync: BenchRow[] = [];
  for (const depth of smoke ? [10] : [10, 50, 200]) {
    const plain = await compare(() => plainError(depth), depth);
    rows.push(
      row(
        `B2@${depth}`,
        `enrich a ${depth}-frame exception vs Sentry.captureException (full processing)`,
        plain.ours,
        plain.sentryFull,
        sentryText(plain),
        true,
      ),
    );
    sync.push(
      row(
        `B2 sync@${depth}`,
        'same, vs only the synchronous captureException call (what the throwing thread waits)',
        plain.ours,
        plain.sentrySync,
        `Sentry ${formatMicros(plain.sentrySync)}`,
        false,
      ),
    );
    globalThis.gc?.();
    const ts = await compare(() => tsError(depth), depth);
    mapped.push(
      row(
        `B2 ts@${depth}`,
        `compiled TypeScript, ${depth} frames through the source map with .ts context (Sentry maps nothing in-process)`,
        ts.ours,
        ts.sentryFull,
        sentryText(ts),
        false,
      ),
    );
    globalThis.gc?.();
  }
  const coldRow = row(
    'B2 cold',
    `first capture in a fresh process, 10 frames (compiled TypeScript through its map: ${formatMicros(coldTs)})`,
    coldOurs,
    coldSentry,
    `Sentry ${formatMicros(coldSentry)}`,
    false,
  );
  report([...rows, ...mapped, ...sync, coldRow]);
}

const coldSide = process.env.B2_COLD as ColdSide | undefined;
if (coldSide === undefined || coldSide === ('' as ColdSide)) await main();
else await coldChild(coldSide);
