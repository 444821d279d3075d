/**
 * The one place fail-fast reads SDK internals, duck-typed and defensive: the public API cannot list a
 * provider's span processors, nor say how many spans a batch processor holds or reach its exporter. Checked
 * against @opentelemetry/sdk-trace 3.1 (`TracerProvider._activeSpanProcessor`,
 * `MultiSpanProcessor._spanProcessors`, `BatchSpanProcessorBase._finishedSpans`, `._maxExportBatchSize`,
 * `._exporter`); the tests fail if any of them moves. When a read fails, the drain is a plain `shutdown()`.
 */

/** What fail-fast uses of a batch span processor. */
interface BatchSpanProcessorInternals {
  _finishedSpans: unknown[];
  _maxExportBatchSize: number;
  _exporter: unknown;
}

/** How deep processors may nest (a MultiSpanProcessor inside a provider, maybe one more level). */
const MAX_NESTING = 4;

/** The batch span processors of an SDK tracer provider (none for anything else). */
export function batchSpanProcessorsOf(provider: unknown): BatchSpanProcessorInternals[] {
  const found: BatchSpanProcessorInternals[] = [];
  collect(read(provider, '_activeSpanProcessor'), found, 0);
  return found;
}

/**
 * Raises a batch processor's export batch size so that its queue leaves in at most `maxRequests` requests.
 * `shutdown()` sends every batch at once, and the OTLP exporters refuse requests beyond their
 * `concurrencyLimit` (30 by default) with "Concurrent export limit reached": with the default batch of 512,
 * a queue over ~15,000 spans lost every span of the refused requests. Returns the batch size now used.
 */
export function widenBatches(processor: BatchSpanProcessorInternals, maxRequests: number): number {
  const needed = Math.ceil(processor._finishedSpans.length / maxRequests);
  if (needed > processor._maxExportBatchSize) processor._maxExportBatchSize = needed;
  return processor._maxExportBatchSize;
}

/** Waits for the exports the processor's exporter still has in flight (the OTLP exporters can). */
export async function flushExporter(processor: BatchSpanProcessorInternals): Promise<void> {
  const exporter = processor._exporter as { forceFlush?: unknown } | null;
  if (typeof exporter?.forceFlush === 'function') {
    await (exporter.forceFlush as () => Promise<void>).call(exporter);
  }
}

function collect(processor: unknown, found: BatchSpanProcessorInternals[], depth: number): void {
  if (depth > MAX_NESTING) return;
  const children = read(processor, '_spanProcessors');
  if (Array.isArray(children)) {
    for (const child of children) collect(child, found, depth + 1);
  } else if (isBatch(processor)) {
    found.push(processor);
  }
}

function isBatch(processor: unknown): processor is BatchSpanProcessorInternals {
  return (
    Array.isArray(read(processor, '_finishedSpans')) &&
    typeof read(processor, '_maxExportBatchSize') === 'number'
  );
}

function read(target: unknown, key: string): unknown {
  if (typeof target !== 'object' || target === null) return undefined;
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}
