import { diag, type Span, type Tracer } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/sdk-trace';
import { forEveryEnricher, liveEnrichers } from '../../processors/enricherRegistry.ts';
import { ExceptionEnricher } from '../../processors/ExceptionEnricher.ts';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import { resourceJson, type ResourceLike } from '../../processors/resourceJson.ts';
import { captureErrorInfo } from '../capture/captureErrorInfo.ts';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { format } from '../format/format.ts';
import { startLocalsCollector } from '../locals/index.ts';
import { raiseStackTraceLimit } from '../stack/raiseStackTraceLimit.ts';
import { ErrorInfoStore } from '../store/ErrorInfoStore.ts';
import { installCatchAll, type CaughtOrigin } from './catchAll.ts';
import { ERR_DEFAULTS, type ErrOptions } from './ErrOptions.ts';
import { installExitFlush } from './exitFlush.ts';
import { runMiddleware, type Middleware } from './Middleware.ts';
import { recordOnSpan } from './recordOnSpan.ts';
import { standaloneProvider, standaloneResource } from './standaloneProvider.ts';
import { asFlushable, registeredTracerProvider } from './tracing.ts';
import { validateErrOptions } from './validateErrOptions.ts';

const TRACER_NAME = 'otel-err';

interface Installed {
  options: ErrOptions;
  enricher: ExceptionEnricher;
  standalone: TracerProvider;
  store: ErrorInfoStore | null;
  undo: (() => void)[];
}

/**
 * The one-call set-up of otel-err (`err.setup`), the caught-error path (`err.process`) and the process-wide
 * handlers. Works with or without an OpenTelemetry SDK: with a registered TracerProvider, exceptions are
 * recorded on its spans (put `ExceptionSpanProcessor` first in its processors, and its reports reach `err`'s
 * middleware, printing and files); without one, a provider of its own with the same processor records them.
 */
export class Err {
  private _installed: Installed | null = null;
  private readonly _middleware: Middleware[] = [];
  private readonly _pending = new Set<Promise<unknown>>();
  private _dispatched: ErrorInfo | null = null;
  private _fatal = false;
  private _exiting = false;

  /** Sets up capture, printing, crash files and (with `catchAll`) the process-wide handlers; see `ErrOptions`. */
  setup(options?: ErrOptions): void {
    if (this._installed !== null) {
      throw new Error(
        'err.setup() was already called: call `await err.shutdown()` before setting it up again.',
      );
    }
    const valid = validateErrOptions(options);
    const undo: (() => void)[] = [];
    try {
      const locals = startLocalsCollector({
        mode: valid.locals ?? ERR_DEFAULTS.locals,
        redact: valid.redact ?? ERR_DEFAULTS.redact,
        inApp: { rootDir: valid.rootDir, include: valid.include, exclude: valid.exclude },
      });
      undo.push(() => locals.stop());
      const enricher = new ExceptionEnricher(captureOptions(valid));
      const standalone = standaloneProvider(
        standaloneResource(valid.name, valid.version),
        new ExceptionSpanProcessor({ enricher }),
        valid.spanProcessors ?? ERR_DEFAULTS.spanProcessors,
      );
      const store = valid.errorInfoPath
        ? new ErrorInfoStore({ path: valid.errorInfoPath, compress: valid.compress ?? null })
        : null;
      undo.push(raiseStackTraceLimit(valid.stackTraceLimit ?? ERR_DEFAULTS.stackTraceLimit));
      undo.push(
        installExitFlush(
          () => this.flush(),
          () => store?.flush(),
        ),
      );
      undo.push(
        forEveryEnricher<ExceptionEnricher>(each => each.addListener(info => this._dispatch(info))),
      );
      if (valid.catchAll ?? ERR_DEFAULTS.catchAll) {
        undo.push(installCatchAll((error, origin, fatal) => this._caught(error, origin, fatal)));
      }
      this._middleware.push(...(valid.middleware ?? []));
      this._installed = { options: valid, enricher, standalone, store, undo };
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  /**
   * The caught-error path: records `error` (anything thrown) as an exception event on the active span, or on a
   * new span when there is none, and runs it through middleware, printing and crash files. Returns the report
   * (`null` only when capture failed). Before `err.setup` it only captures. Never throws.
   */
  process(error: unknown): ErrorInfo | null {
    try {
      if (this._installed === null) return captureErrorInfo(error);
      return this._record(error, 'err.process');
    } catch (failure) {
      diag.warn(`Err: process() failed: ${String(failure)}`);
      return null;
    }
  }

  /** Adds a middleware step at the end of the chain (also possible through `setup({ middleware })`). */
  addMiddleware(middleware: Middleware): void {
    this._middleware.push(middleware);
  }

  /** Writes buffered crash-file counts, waits for async middleware and flushes the span pipelines. */
  async flush(): Promise<void> {
    const installed = this._installed;
    if (installed === null) return;
    installed.store?.flush();
    await Promise.allSettled([...this._pending]);
    await Promise.allSettled([
      installed.standalone.forceFlush(),
      asFlushable(registeredTracerProvider())?.forceFlush(),
    ]);
  }

  /** Flushes, then removes the handlers and restores what `setup` changed; `setup` may be called again. */
  async shutdown(): Promise<void> {
    const installed = this._installed;
    if (installed === null) return;
    await this.flush();
    this._installed = null;
    for (const step of installed.undo.reverse()) step();
    installed.store?.close();
    this._middleware.length = 0;
    await installed.standalone.shutdown();
  }

  private _record(error: unknown, spanName: string, fatal = false): ErrorInfo | null {
    const installed = this._installed!;
    this._dispatched = null;
    const span = recordOnSpan(this._tracer(), error, spanName, fatal);
    if (this._dispatched !== null) return this._dispatched;
    const context = span.spanContext();
    const trace = { traceId: context.traceId, spanId: context.spanId };
    // Recorded before in this trace (a span saw it first): the same occurrence, not a second report.
    for (const enricher of liveEnrichers<ExceptionEnricher>()) {
      const seen = enricher.lookup(error, trace);
      if (seen !== undefined) return seen.info;
    }
    // No processor of ours saw it (a provider without ExceptionSpanProcessor, or an unsampled span).
    return (
      installed.enricher.capture(error, trace, () =>
        resourceJson((span as Span & { resource?: ResourceLike }).resource),
      )?.info ?? null
    );
  }

  private _tracer(): Tracer {
    const registered = registeredTracerProvider();
    return (registered ?? this._installed!.standalone).getTracer(TRACER_NAME);
  }

  private _dispatch(info: ErrorInfo): void {
    this._dispatched = info;
    const installed = this._installed;
    if (installed === null) return;
    const fatal = this._fatal;
    const { sync, settled } = runMiddleware(this._middleware, info);
    if (settled === null) {
      if (sync !== null) this._emit(installed, sync, fatal);
      return;
    }
    const pending = settled.then(result =>
      result === null ? undefined : this._emit(installed, result, fatal),
    );
    this._pending.add(pending);
    void pending.finally(() => this._pending.delete(pending));
  }

  private _emit(installed: Installed, info: ErrorInfo, fatal: boolean): void {
    try {
      const formatter =
        installed.options.format === undefined ? ERR_DEFAULTS.format : installed.options.format;
      // Node prints an uncaught exception before dying: so do we, in Node's look when no format is set.
      const chosen = formatter ?? (fatal ? 'basic' : null);
      if (chosen !== null) process.stderr.write(`${format(info, chosen)}\n`);
      if (fatal) installed.store?.writeSync(info);
      else installed.store?.record(info);
    } catch (failure) {
      diag.warn(`Err: could not print or write a report: ${String(failure)}`);
    }
  }

  private _caught(error: unknown, origin: CaughtOrigin, fatal: boolean): void {
    const code = this._installed?.options.failFastCode ?? ERR_DEFAULTS.failFastCode;
    if (this._exiting) {
      // A second fatal error while the first one's report is flushed: the first report is kept, exit now.
      if (fatal) process.exit(code);
      return;
    }
    this._exiting = fatal;
    this._fatal = fatal;
    try {
      this._record(error, origin, fatal);
    } catch (failure) {
      diag.warn(`Err: could not report a ${origin}: ${String(failure)}`);
    } finally {
      this._fatal = false;
    }
    if (fatal) this._exitAfterFlush(code);
  }

  private _exitAfterFlush(code: number): void {
    const installed = this._installed;
    const deadline = installed?.options.failFastTimeoutMs ?? ERR_DEFAULTS.failFastTimeoutMs;
    const drained = Promise.allSettled([
      ...this._pending,
      installed?.standalone.shutdown(),
      asFlushable(registeredTracerProvider())?.shutdown(),
    ]);
    // Not unref'd: this timer is what keeps the process alive until the deadline.
    const timer = new Promise<void>(resolve => setTimeout(resolve, deadline));
    void Promise.race([drained, timer]).then(() => {
      installed?.store?.flush();
      process.exit(code);
    });
  }
}

function captureOptions(options: ErrOptions) {
  return {
    name: options.name,
    version: options.version,
    rootDir: options.rootDir,
    rootModule: options.rootModule,
    include: options.include,
    exclude: options.exclude,
    contextLines: options.contextLines,
    fingerprintParts: options.fingerprintParts,
    includeVersion: options.fingerprintIncludesVersion,
  };
}
