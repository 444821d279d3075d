import { context, diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode, suppressTracing } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { defaultReportDirectory } from '../../src/store/defaultReportDirectory.ts';
import { ErrorInfoStore } from '../../src/store/ErrorInfoStore.ts';
import type { ErrorInfoStoreOptions } from '../../src/store/StoreOptions.ts';
import { errorInfosOf } from '../errorInfosOf.ts';
import { flushStoresOnExit } from './flushStoresOnExit.ts';

/**
 * Options of `ErrorInfoFileExporter`. Every field is optional; the file options (`compress`,
 * `maxFileBytes`, `maxFiles`, `flushIntervalMs`, `fsync`, `destinations`, …) are the store's, with
 * the store's defaults (`storeDefaults`).
 */
export interface ErrorInfoFileExporterOptions extends Partial<ErrorInfoStoreOptions> {
  /** The report directory (created 0700 on the first write). The default is `$ERR_PATH`, else `$XDG_STATE_HOME/otel-err`, else `~/.local/state/otel-err`, as the `err` CLI reads. */
  path?: string;
  /** A store to share with other writers in this process (e.g. `err.setup`'s); when given, `path` and the file options are ignored. The default is a store of its own. */
  store?: ErrorInfoStore;
  /** Merge buffered occurrences synchronously when the process exits, a crash included, so that counts are not lost. The default value is true. */
  flushOnExit?: boolean;
}

/** The defaults of the exporter's own options (the file options default in `storeDefaults`). */
export const FILE_EXPORTER_DEFAULTS = {
  path: (): string => defaultReportDirectory(),
  flushOnExit: true,
} as const;

/** Fingerprints remembered as already on disk; past this the memo starts over (costs one rewrite each, not data). */
const MAX_WRITTEN_MEMO = 10_000;

/**
 * A span exporter that writes each exception of the spans it receives into the report file of its
 * fingerprint (`<fingerprint>.json[.gz]`, see `ErrorInfoStore`): the first occurrence of a bug is on
 * disk when `export` returns (put it in a `SimpleSpanProcessor`: a crash then loses nothing), later
 * ones are counted and merged once per `flushIntervalMs` (0: each one at once). A report that could
 * not be written (disk full, read-only or missing directory) fails the export and goes to `diag`;
 * nothing is thrown.
 */
export class ErrorInfoFileExporter implements SpanExporter {
  private readonly _store: ErrorInfoStore;
  private readonly _eachAtOnce: boolean;
  private readonly _written = new Set<string>();
  private readonly _seen = new WeakSet<ErrorInfo>();
  private readonly _stopFlushOnExit: (() => void) | null;
  private _shutdown = false;

  /** An exporter with the given options (see `ErrorInfoFileExporterOptions`). */
  constructor(options: ErrorInfoFileExporterOptions = {}) {
    const { store, path, flushOnExit, ...fileOptions } = options;
    this._store =
      store ?? new ErrorInfoStore({ ...fileOptions, path: path ?? FILE_EXPORTER_DEFAULTS.path() });
    this._eachAtOnce = store === undefined && fileOptions.flushIntervalMs === 0;
    this._stopFlushOnExit =
      (flushOnExit ?? FILE_EXPORTER_DEFAULTS.flushOnExit) ? flushStoresOnExit(this._store) : null;
  }

  /** The store the reports go to (to record deliveries with `markDelivered`, or to share). */
  get store(): ErrorInfoStore {
    return this._store;
  }

  /** Writes the reports of the exceptions in `spans`; FAILED when one could not be written. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this._shutdown) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error(`${NAME}: shut down`) });
      return;
    }
    let failed = 0;
    let total = 0;
    // Our own file writes must not become spans of an fs instrumentation.
    context.with(suppressTracing(context.active()), () => {
      for (const info of errorInfosOf(spans, this._seen)) {
        total++;
        if (!this._write(info)) failed++;
      }
    });
    if (failed === 0) {
      resultCallback({ code: ExportResultCode.SUCCESS });
      return;
    }
    const error = new Error(
      `${NAME}: ${failed} of ${total} reports not written in ${this._store.path}`,
    );
    diag.debug(error.message);
    resultCallback({ code: ExportResultCode.FAILED, error });
  }

  /** Merges every buffered occurrence into its file now. */
  forceFlush(): Promise<void> {
    this._flush();
    return Promise.resolve();
  }

  /** Flushes, then refuses further exports. Idempotent. */
  shutdown(): Promise<void> {
    if (!this._shutdown) {
      this._shutdown = true;
      this._flush();
      this._stopFlushOnExit?.();
    }
    return Promise.resolve();
  }

  private _write(info: ErrorInfo): boolean {
    const fingerprint = info.fingerprint;
    try {
      // Once a report is on disk, repeats only bump counters: the store merges them per window.
      if (!this._eachAtOnce && fingerprint !== null && this._written.has(fingerprint)) {
        this._store.record(info);
        return true;
      }
      const written = this._store.writeSync(info);
      if (written && fingerprint !== null) {
        if (this._written.size >= MAX_WRITTEN_MEMO) this._written.clear();
        this._written.add(fingerprint);
      }
      return written;
    } catch (failure) {
      diag.warn(`${NAME}: the store failed`, failure); // it should not throw; be safe anyway
      return false;
    }
  }

  private _flush(): void {
    try {
      context.with(suppressTracing(context.active()), () => this._store.flush());
    } catch (failure) {
      diag.warn(`${NAME}: flush failed`, failure);
    }
  }
}

const NAME = 'ErrorInfoFileExporter';
