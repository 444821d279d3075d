import { diag, type Span } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/sdk-trace';
import { forEveryEnricher, liveEnrichers } from '../../processors/enricherRegistry.ts';
import { ExceptionEnricher } from '../../processors/ExceptionEnricher.ts';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import { resourceJson, type ResourceLike } from '../../processors/resourceJson.ts';
import { captureErrorInfo } from '../capture/captureErrorInfo.ts';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { FailFast } from '../failfast/FailFast.ts';
import type { FailFastPolicy } from '../failfast/FailFastPolicy.ts';
import { installGracefulSignals } from '../failfast/gracefulSignals.ts';
import { pipelineDrains } from '../failfast/pipelineDrains.ts';
import type { Cleanup } from '../failfast/runCleanups.ts';
import { startLocalsCollector } from '../locals/index.ts';
import { raiseStackTraceLimit } from '../stack/raiseStackTraceLimit.ts';
import { ErrorInfoStore } from '../store/ErrorInfoStore.ts';
import { CaptureTracker } from './CaptureTracker.ts';
import { captureOptions } from './captureOptions.ts';
import { installCatchAll, type CaughtOrigin } from './catchAll.ts';
import { printReport, writeReport } from './emitReport.ts';
import { ERR_DEFAULTS, type ErrOptions } from './ErrOptions.ts';
import { installExitFlush } from './exitFlush.ts';
import { runMiddleware, type Middleware } from './Middleware.ts';
import { endSpanAsError, recordOnSpan } from './recordOnSpan.ts';
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

/** What `_record` is doing: the value, and whether Node would die of it. */
type Recording = { error: unknown; fatal: boolean };

/**
 * The one-call set-up of otel-err (`err.setup`), the caught-error path (`err.process`), fail-fast and the
 * process-wide handlers. Works with or without an OpenTelemetry SDK: with a registered TracerProvider,
 * exceptions are recorded on its spans (put `ExceptionSpanProcessor` first in its processors, and its reports
 * reach `err`'s middleware, printing and files); without one, a provider of its own with the same processor
 * records them.
 */
export class Err {
  private _installed: Installed | null = null;
  private readonly _middleware: Middleware[] = [];
  private readonly _failFast = new FailFast();
  private readonly _pending = new Set<Promise<unknown>>();
  private readonly _captures = new CaptureTracker();
  private _dispatched: ErrorInfo | null = null;
  private _recording: Recording | null = null;
  private _failing: ErrorInfo | null = null;
  private _crashWritten = false;

  /** Sets up capture, printing, crash files, fail-fast and the process handlers; see `ErrOptions`. */
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
      undo.push(forEveryEnricher<ExceptionEnricher>(each => this._captures.watch(each)));
      if (valid.catchAll ?? ERR_DEFAULTS.catchAll) {
        undo.push(installCatchAll((error, origin, fatal) => this._caught(error, origin, fatal)));
      }
      const signals = valid.gracefulSignals ?? ERR_DEFAULTS.gracefulSignals;
      if (signals !== false && signals.length > 0) {
        // A second signal while exiting: the user insists.
        const onSignal = (code: number) =>
          this._failFast.exiting ? process.exit(code) : this._exit(null, null, undefined, code);
        undo.push(installGracefulSignals(signals, (_signal, code) => onSignal(code)));
      }
      this._middleware.push(...(valid.middleware ?? []));
      this._failFast.addPolicies([valid.failFast ?? ERR_DEFAULTS.failFast].flat());
      this._installed = { options: valid, enricher, standalone, store, undo };
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  /**
   * The caught-error path: records `error` (anything thrown) as an exception event on the active span, or on a
   * new span when there is none, runs it through middleware, printing and crash files, and evaluates the
   * fail-fast policies (a trigger starts the exit; this call still returns). Returns the report (`null` only
   * when capture failed). Before `err.setup` it only captures. Never throws.
   */
  process(error: unknown): ErrorInfo | null {
    try {
      if (this._installed === null) return captureErrorInfo(error);
      const { info, span } = this._record(error, 'err.process', false);
      if (this._failing !== null) this._exit(this._failing, span, { value: error });
      return info;
    } catch (failure) {
      diag.warn(`Err: process() failed: ${String(failure)}`);
      return null;
    }
  }

  /** Adds a middleware step at the end of the chain (also possible through `setup({ middleware })`). */
  addMiddleware(middleware: Middleware): void {
    this._middleware.push(middleware);
  }

  /** Adds a fail-fast policy after the others (also possible through `setup({ failFast })`). */
  addFailFast(policy: FailFastPolicy): void {
    this._failFast.addPolicies([policy]);
  }

  /**
   * Adds a callback run before a fail-fast or graceful-signal exit, after the ones added before it: sync or
   * async (awaited within `failFastTimeoutMs`; see `Cleanup`). Returns the function that removes it.
   */
  addCleanup(cleanup: Cleanup): () => void {
    return this._failFast.addCleanup(cleanup);
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

  /**
   * Flushes, then removes the handlers and restores what `setup` changed; middleware, fail-fast policies and
   * cleanup callbacks are dropped. `setup` may be called again.
   */
  async shutdown(): Promise<void> {
    const installed = this._installed;
    if (installed === null) return;
    await this.flush();
    this._installed = null;
    for (const step of installed.undo.reverse()) step();
    installed.store?.close();
    this._middleware.length = 0;
    this._failFast.clear();
    await installed.standalone.shutdown();
  }

  private _record(
    error: unknown,
    spanName: string,
    fatal: boolean,
  ): { info: ErrorInfo | null; span: Span } {
    const installed = this._installed!;
    const outer = this._recording;
    this._recording = { error, fatal };
    this._dispatched = null;
    this._failing = null;
    try {
      const tracer = (registeredTracerProvider() ?? installed.standalone).getTracer(TRACER_NAME);
      const span = recordOnSpan(tracer, error, spanName, fatal);
      if (this._dispatched !== null) return { info: this._dispatched, span };
      const context = span.spanContext();
      const trace = { traceId: context.traceId, spanId: context.spanId };
      // Recorded before in this trace (a span saw it first): the same occurrence, not a second report.
      for (const enricher of liveEnrichers<ExceptionEnricher>()) {
        const seen = enricher.lookup(error, trace);
        if (seen === undefined) continue;
        if (this._failFast.check(error, seen.info)) this._failing = seen.info;
        return { info: seen.info, span };
      }
      // No processor of ours saw it (a provider without ExceptionSpanProcessor, or an unsampled span).
      const captured = installed.enricher.capture(error, trace, () =>
        resourceJson((span as Span & { resource?: ResourceLike }).resource),
      );
      return { info: captured?.info ?? null, span };
    } finally {
      this._recording = outer;
    }
  }

  private _dispatch(info: ErrorInfo): void {
    this._dispatched = info;
    const installed = this._installed;
    if (installed === null) return;
    const recording = this._recording;
    const failing = !this._failFast.exiting && this._triggers(installed, recording, info);
    if (failing) this._failing ??= info;
    const { sync, settled } = runMiddleware(this._middleware, info);
    if (settled === null) {
      if (sync !== null) this._emit(installed, sync, failing);
    } else {
      const pending = settled.then(result =>
        result === null ? undefined : this._emit(installed, result, failing),
      );
      this._pending.add(pending);
      void pending.finally(() => this._pending.delete(pending));
    }
    // Recorded on a span outside err.process and the catch-all: nothing else will start the exit.
    const captured = this._captures.current();
    if (failing && recording === null)
      this._exit(info, null, captured.found ? captured : undefined);
  }

  /** Whether `info` (being dispatched) must end the process. */
  private _triggers(installed: Installed, recording: Recording | null, info: ErrorInfo): boolean {
    if (recording?.fatal) return true;
    const onSpans = installed.options.failFastOnSpans ?? ERR_DEFAULTS.failFastOnSpans;
    if (recording === null && !onSpans) return false;
    const captured = this._captures.current();
    const error = captured.found ? captured.value : recording?.error;
    return this._failFast.check(error, info);
  }

  private _emit(installed: Installed, info: ErrorInfo, failing: boolean): void {
    // The crash file first: it is what must survive whatever happens next.
    if (!failing) writeReport(installed.store, info, false);
    else if (!this._crashWritten) this._crashWritten = writeReport(installed.store, info, true);
    printReport(installed.options.format, info, failing);
  }

  private _caught(error: unknown, origin: CaughtOrigin, fatal: boolean): void {
    // While exiting, the exit guards deal with a second error (at once, keeping the first report).
    if (this._failFast.exiting) return;
    let span: Span | null = null;
    try {
      span = this._record(error, origin, fatal).span;
    } catch (failure) {
      diag.warn(`Err: could not report a ${origin}: ${String(failure)}`);
    }
    if (fatal || this._failing !== null) this._exit(this._failing, span, { value: error });
  }

  /** Starts the exit: buffered counts go to disk now, the rest (cleanups, drains) once this task is done. */
  private _exit(
    info: ErrorInfo | null,
    span: Span | null,
    trigger: { value: unknown } | undefined,
    code?: number,
  ): void {
    const installed = this._installed;
    if (installed === null) return;
    const options = installed.options;
    const started = this._failFast.start(
      code ?? options.failFastCode ?? ERR_DEFAULTS.failFastCode,
      () => ({
        timeoutMs: options.failFastTimeoutMs ?? ERR_DEFAULTS.failFastTimeoutMs,
        info,
        trigger,
        afterTrigger: () => endSpanAsError(span),
        pending: this._pending.size > 0 ? Promise.allSettled([...this._pending]) : undefined,
        onPendingTimeout: () => this._writeUnfinished(installed, info),
        drains: pipelineDrains([installed.standalone]),
      }),
    );
    if (started) installed.store?.flush();
  }

  /** Asynchronous middleware did not finish in time: the report as captured is written and printed. */
  private _writeUnfinished(installed: Installed, info: ErrorInfo | null): void {
    if (info === null || this._crashWritten) return;
    diag.warn('Err: middleware did not finish before the deadline; writing the report as captured');
    this._crashWritten = writeReport(installed.store, info, true);
    printReport(installed.options.format, info, true);
  }
}
