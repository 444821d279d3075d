import { diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { errorInfosOf } from '../errorInfosOf.ts';

/** Options of `InMemoryErrorExporter`; every field is optional. */
export interface InMemoryErrorExporterOptions {
  /** Most reports and most spans kept (each list); past it the oldest go first. The default value is 10000. */
  limit?: number;
}

/** The defaults of `InMemoryErrorExporterOptions`. */
export const IN_MEMORY_DEFAULTS = { limit: 10_000 } as const;

/**
 * A span exporter for tests, like OTel's `InMemorySpanExporter`: it keeps the ErrorInfo of every
 * exception it receives (once per exception, as copies the test may change) and the spans. Unlike
 * `InMemorySpanExporter`, `shutdown()` keeps what was collected, so a test can assert after shutting
 * the provider down; `reset()` empties it.
 *
 *   const errors = new InMemoryErrorExporter();
 *   new TracerProvider({ spanProcessors: [new ExceptionSpanProcessor(), new SimpleSpanProcessor({ exporter: errors })] });
 *   …
 *   assert.equal(errors.getErrorInfos()[0]?.exception.type, 'TypeError');
 */
export class InMemoryErrorExporter implements SpanExporter {
  private readonly _limit: number;
  private readonly _seen = new WeakSet<ErrorInfo>();
  private readonly _infos: ErrorInfo[] = [];
  private readonly _spans: ReadableSpan[] = [];
  private _shutdown = false;

  /** An exporter with the given options (see `IN_MEMORY_DEFAULTS`). */
  constructor(options: InMemoryErrorExporterOptions = {}) {
    const limit = options.limit ?? IN_MEMORY_DEFAULTS.limit;
    if (Number.isSafeInteger(limit) && limit > 0) {
      this._limit = limit;
    } else {
      diag.warn(`InMemoryErrorExporter: invalid option \`limit: ${String(limit)}\`, using 10000`);
      this._limit = IN_MEMORY_DEFAULTS.limit;
    }
  }

  /** Keeps the spans and the reports of their exceptions. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this._shutdown) {
      const error = new Error('InMemoryErrorExporter: shut down');
      resultCallback({ code: ExportResultCode.FAILED, error });
      return;
    }
    try {
      keepLast(this._infos, errorInfosOf(spans, this._seen).map(copy), this._limit);
      keepLast(this._spans, spans, this._limit);
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (failure) {
      const error = failure instanceof Error ? failure : new Error(String(failure));
      resultCallback({ code: ExportResultCode.FAILED, error });
    }
  }

  /** The reports received so far, oldest first (a new array; the reports are this exporter's copies). */
  getErrorInfos(): ErrorInfo[] {
    return [...this._infos];
  }

  /** The spans received so far, oldest first. */
  getFinishedSpans(): ReadableSpan[] {
    return [...this._spans];
  }

  /** Forgets every report and span. */
  reset(): void {
    this._infos.length = 0;
    this._spans.length = 0;
  }

  /** Nothing is buffered. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Refuses further exports and keeps what was collected. */
  shutdown(): Promise<void> {
    this._shutdown = true;
    return Promise.resolve();
  }
}

// The processor shares its report with its listeners: a test that edits ours must not change theirs.
function copy(info: ErrorInfo): ErrorInfo {
  return structuredClone(info);
}

function keepLast<T>(kept: T[], more: readonly T[], limit: number): void {
  for (const item of more) kept.push(item);
  if (kept.length > limit) kept.splice(0, kept.length - limit);
}
