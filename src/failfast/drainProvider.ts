import { batchSpanProcessorsOf, flushExporter, widenBatches } from './batchInternals.ts';

/** A pipeline that can be drained: the SDK's tracer, logger and meter providers all have `shutdown`. */
export interface Drainable {
  /** Exports what is buffered and waits for the exports in flight. */
  shutdown(): Promise<unknown>;
}

/**
 * Most requests one batch span processor may send at once while draining: below the OTLP exporters' default
 * `concurrencyLimit` of 30, with room for an export already started by the processor's timer.
 */
const DRAIN_MAX_REQUESTS = 20;

/**
 * Drains a provider through `shutdown()`, which (unlike `forceFlush()`) waits for exports already in
 * flight. Batch span processors first get a batch size that keeps their queue under the exporter's
 * concurrency limit. `shutdown()` rejects at the first failed batch while the others are still being sent:
 * then those are awaited too (through the exporters' `forceFlush`) before the failure is passed on.
 */
export async function drainProvider(provider: Drainable): Promise<void> {
  const batches = batchSpanProcessorsOf(provider);
  for (const batch of batches) widenBatches(batch, DRAIN_MAX_REQUESTS);
  try {
    await provider.shutdown();
  } catch (failure) {
    await Promise.allSettled(batches.map(batch => flushExporter(batch)));
    throw failure;
  }
}

/** Whether `value` has a `shutdown` method. */
export function isDrainable(value: unknown): value is Drainable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { shutdown?: unknown }).shutdown === 'function'
  );
}
