// Child process of b3prime.bench.ts: @sentry/node with a stub transport capturing caught
// exceptions, with LocalVariables (captureAllExceptions, no rate limit) or without it ('plain').
// Each sample lasts until every event has gone through beforeSend, so Sentry's asynchronous event
// pipeline is counted. Prints one JSON line: median µs per exception and the vars check.
import * as Sentry from '@sentry/node';
import { median } from '../lib/measure.ts';
import { handle, sink } from './orderWorkload.ts';

const [variant = 'locals', iterationsArg = '300', roundsArg = '9', warmupArg = '2'] =
  process.argv.slice(2);
const iterations = Number(iterationsArg);
const rounds = Number(roundsArg);
const warmup = Number(warmupArg);
const withLocals = variant === 'locals';

let processed = 0;
let withVars = 0;
let sampleVars: unknown;
Sentry.init({
  dsn: 'https://public@127.0.0.1:9/1',
  defaultIntegrations: false,
  includeLocalVariables: withLocals,
  integrations: withLocals
    ? [
        Sentry.localVariablesIntegration({
          captureAllExceptions: true,
          maxExceptionsPerSecond: 1e9,
        }),
      ]
    : [],
  transport: () => ({ send: () => Promise.resolve({}), flush: () => Promise.resolve(true) }),
  beforeSend(event) {
    processed++;
    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    if (frames.some(frame => frame.vars !== undefined)) {
      withVars++;
      sampleVars = frames.filter(frame => frame.vars).map(frame => [frame.function, frame.vars]);
    }
    return null;
  },
});

async function sample(): Promise<number> {
  const expected = processed + iterations;
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    try {
      handle({ items: [1, 2, i], total: -1 });
    } catch (error) {
      Sentry.captureException(error);
    }
  }
  while (processed < expected) await new Promise(resolve => setImmediate(resolve));
  return Number(process.hrtime.bigint() - started) / 1000 / iterations;
}

// The LocalVariables worker starts asynchronously: wait until a capture carries vars.
const deadline = Date.now() + 10_000;
while (withLocals && withVars === 0 && Date.now() < deadline) {
  await sample();
  await new Promise(resolve => setTimeout(resolve, 50));
}
const samples: number[] = [];
const before = { processed, withVars };
for (let round = 0; round < warmup + rounds; round++) {
  const time = await sample();
  if (round >= warmup) samples.push(time);
}
void sink.value;
process.stdout.write(
  `${JSON.stringify({
    variant,
    usPerException: median(samples),
    events: processed - before.processed,
    eventsWithVars: withVars - before.withVars,
    sampleVars,
  })}\n`,
);
process.exit(0);
