import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

type ExportCallback = Parameters<SpanExporter['export']>[1];

/** `ExportResultCode.SUCCESS` of `@opentelemetry/core` (not a dependency of ours). */
const SUCCESS = 0;

/** A span exporter that keeps every span it is given, also after `shutdown` (unlike `InMemorySpanExporter`). */
export class TestSpanExporter implements SpanExporter {
  /** Every exported span, in order. */
  readonly spans: ReadableSpan[] = [];
  /** Whether `shutdown` was called. */
  shutDown = false;

  /** Keeps the spans and reports success. */
  export(spans: ReadableSpan[], done: ExportCallback): void {
    this.spans.push(...spans);
    done({ code: SUCCESS });
  }

  /** Marks the exporter shut down. */
  shutdown(): Promise<void> {
    this.shutDown = true;
    return Promise.resolve();
  }
}
