import { context, diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode, suppressTracing } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { ErrorInfoStore } from '../../src/store/ErrorInfoStore.ts';
import { errorInfoOfEvent, exceptionEventsOf } from '../errorInfoOfEvent.ts';
import { ErrorInfoFileExporter } from './ErrorInfoFileExporter.ts';

/** Options of `OutboxExporter`; all three are required. */
export interface OutboxExporterOptions {
  /** The exporter that sends the spans (an `OTLPTraceExporter`, …). */
  exporter: SpanExporter;
  /** The name recorded in the reports, e.g. `'otlp'`; list it in the file exporter's `destinations` too, so that reports not sent yet show it as pending. */
  destination: string;
  /** The report files: the `ErrorInfoFileExporter` (or its `store`) writing the same spans. */
  outbox: ErrorInfoFileExporter | ErrorInfoStore;
}

/** Fingerprints remembered as already marked; past this the memo starts over (costs one rewrite each). */
const MAX_MARKED_MEMO = 10_000;

/**
 * Wraps a span exporter: when it accepts spans, the reports of their exceptions record that
 * `destination` has them (`extra.delivered` of each report file, via `markDelivered`), so that the
 * files tell what never left the machine. Once per fingerprint per process: a storm of one bug
 * costs one file rewrite. A report whose file is not written yet (put the file exporter in a
 * `SimpleSpanProcessor`) is marked at its next accepted occurrence. Results pass through unchanged.
 */
export class OutboxExporter implements SpanExporter {
  private readonly _exporter: SpanExporter;
  private readonly _destination: string;
  private readonly _store: ErrorInfoStore;
  private readonly _marked = new Set<string>();

  /** A wrapper with the given options (see `OutboxExporterOptions`). */
  constructor(options: OutboxExporterOptions) {
    this._exporter = options.exporter;
    this._destination = options.destination;
    this._store =
      options.outbox instanceof ErrorInfoFileExporter ? options.outbox.store : options.outbox;
  }

  /** Exports through the wrapped exporter, then marks the reports it accepted. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const fingerprints = this._fingerprints(spans);
    this._exporter.export(spans, (result: ExportResult) => {
      if (result.code === ExportResultCode.SUCCESS && fingerprints.length > 0) {
        context.with(suppressTracing(context.active()), () => this._mark(fingerprints));
      }
      resultCallback(result);
    });
  }

  /** The wrapped exporter's `forceFlush`, when it has one. */
  forceFlush(): Promise<void> {
    return this._exporter.forceFlush?.() ?? Promise.resolve();
  }

  /** The wrapped exporter's `shutdown`. */
  shutdown(): Promise<void> {
    return this._exporter.shutdown();
  }

  private _fingerprints(spans: readonly ReadableSpan[]): string[] {
    const found = new Set<string>();
    try {
      for (const span of spans) {
        for (const event of exceptionEventsOf(span)) {
          const fingerprint = errorInfoOfEvent(span, event)?.fingerprint;
          if (fingerprint != null && !this._marked.has(fingerprint)) found.add(fingerprint);
        }
      }
    } catch (failure) {
      diag.debug('OutboxExporter: could not read the exceptions of a batch', failure);
    }
    return [...found];
  }

  private _mark(fingerprints: readonly string[]): void {
    for (const fingerprint of fingerprints) {
      try {
        if (!this._store.markDelivered(fingerprint, this._destination)) continue;
        if (this._marked.size >= MAX_MARKED_MEMO) this._marked.clear();
        this._marked.add(fingerprint);
      } catch (failure) {
        diag.warn('OutboxExporter: could not record a delivery', failure);
      }
    }
  }
}
