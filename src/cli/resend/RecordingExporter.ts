import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** A span exporter that passes spans on and remembers, per span id, whether the export succeeded. */
export class RecordingExporter implements SpanExporter {
  private readonly _inner: SpanExporter;
  private readonly _results = new Map<string, boolean>();

  /** Wraps `inner`. */
  constructor(inner: SpanExporter) {
    this._inner = inner;
  }

  /** Exports through the wrapped exporter, recording the outcome of each span. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this._inner.export(spans, result => {
      for (const span of spans) {
        this._results.set(span.spanContext().spanId, result.code === ExportResultCode.SUCCESS);
      }
      resultCallback(result);
    });
  }

  /** Whether the span was exported successfully; `false` also when no export finished; the record is then forgotten. */
  take(spanId: string): boolean {
    const ok = this._results.get(spanId) === true;
    this._results.delete(spanId);
    return ok;
  }

  /** Flushes the wrapped exporter. */
  async forceFlush(): Promise<void> {
    await this._inner.forceFlush?.();
  }

  /** Shuts the wrapped exporter down. */
  shutdown(): Promise<void> {
    return this._inner.shutdown();
  }
}
