import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type { FailFastPolicy } from '../failfast/FailFastPolicy.ts';
import type { FingerprintPartsHook } from '../fingerprint/FingerprintOptions.ts';
import type { FormatFunction, FormatName, Formatter } from '../format/FormatOptions.ts';
import type { LocalsMode } from '../locals/common.ts';
import type { RedactOptions } from '../locals/redact.ts';
import type { Middleware } from './Middleware.ts';

/** Options of `err.setup`. Every field is optional; the defaults are in `ERR_DEFAULTS`. */
export interface ErrOptions {
  /** Service name. Default: the OpenTelemetry resource's `service.name`, else `package.json`. */
  name?: string;
  /** Service version. Default: the resource's `service.version`, else `package.json`. */
  version?: string;
  /** Handle `uncaughtException` and `unhandledRejection` (report, flush, then exit as Node would). Default false. */
  catchAll?: boolean;
  /** The traceback printed to stderr for each report, or `null` for none. Default `'terse'`. */
  format?: FormatName | FormatFunction | Formatter | null;
  /** Directory of the crash files (`<fingerprint>.json`), or `null` for none. Default `null`. */
  errorInfoPath?: string | null;
  /** Compression of crash files. Default `null`. */
  compress?: 'gzip' | null;
  /**
   * When local variables are read (node:inspector, no port opened): `'off'`; `'uncaught'` (only for exceptions
   * that will crash the process: ≈ +1.5 µs per caught throw); `'all'` (every exception, ≈ 0.2–0.3 ms each, rate
   * limited). Default `'uncaught'`.
   */
  locals?: LocalsMode;
  /** Redaction of secrets in locals by name and value: `true`, `false` or patterns. Default `true`. */
  redact?: boolean | RedactOptions;
  /** Steps every report passes through before it is printed and written. Default `[]`. */
  middleware?: Middleware[];
  /** Files outside this directory are not application code; also the base of module names. Default none. */
  rootDir?: string;
  /** Marks application code in reports (display). Default `rootDir`. */
  rootModule?: string;
  /** Locations that are application code even inside `node_modules`. Default `[]`. */
  include?: (string | RegExp)[];
  /** Locations that are never application code. Default `[]`. */
  exclude?: (string | RegExp)[];
  /** Source lines kept around each frame. Default 7. */
  contextLines?: number;
  /** Hook that may change a report's fingerprint parts. Default none. */
  fingerprintParts?: FingerprintPartsHook;
  /** Hash the service version into fingerprints. Default false. */
  fingerprintIncludesVersion?: boolean;
  /** `Error.stackTraceLimit` is raised to at least this while set up (V8's default is 10). Default 100. */
  stackTraceLimit?: number;
  /**
   * Policies deciding, in order, whether a processed error (`err.process`, and with `catchAll` the uncaught
   * exceptions and rejections the application handles itself) must stop the process: functions
   * `(error, info) => boolean`, objects with `check(error, info)`, or the builders `failFastAlways()`,
   * `failFastNever()`, `failFastOn(TypeError | 'TypeError', { message })`. The first truthy one triggers; a
   * throwing one is logged and skipped. On trigger: the crash file is written synchronously, the traceback
   * printed (Node's look when `format` is null), cleanup callbacks run, every pipeline is drained, and the
   * process exits with `failFastCode`, all within `failFastTimeoutMs`. Crashes Node would die of always
   * take that path. Default `[]` (none).
   */
  failFast?: FailFastPolicy | FailFastPolicy[];
  /** Also evaluate `failFast` on exceptions recorded on spans (by instrumentations or user code). Default false. */
  failFastOnSpans?: boolean;
  /** Exit code of a fail-fast exit (a policy's trigger, an uncaught exception, a fatal rejection). Default 1. */
  failFastCode?: number;
  /**
   * One deadline, in ms from the trigger to the exit, for everything after the synchronous crash file and
   * traceback: cleanup callbacks (which may use all but `min(1000, timeout / 2)` ms, kept for the drain) and
   * the drain of every pipeline. The process exits when it passes, even if an exporter hangs. Default 5000.
   */
  failFastTimeoutMs?: number;
  /**
   * Signals that end the process gracefully: cleanup callbacks run and every pipeline is drained within
   * `failFastTimeoutMs`, then the process exits with 128 + the signal number (130 for SIGINT, 143 for
   * SIGTERM), as a shell reports a death by that signal. A second signal, or an uncaught exception meanwhile,
   * exits at once. Listening turns Node's own handling of these signals off while `err` is set up; other
   * listeners of the application still run. `false` leaves signals alone. Default false.
   */
  gracefulSignals?: NodeJS.Signals[] | false;
  /**
   * Advanced: span processors added after `ExceptionSpanProcessor` to the pipeline `err` runs when no
   * TracerProvider is registered (e.g. a `BatchSpanProcessor` with an OTLP exporter, as `otel-err/register`
   * does). Unused while a registered provider exists; shut down by `err.shutdown()`. Default `[]`.
   */
  spanProcessors?: SpanProcessor[];
}

/** The defaults of `ErrOptions`, in one visible place. */
export const ERR_DEFAULTS = {
  catchAll: false,
  format: 'terse',
  errorInfoPath: null,
  compress: null,
  locals: 'uncaught',
  redact: true,
  middleware: [],
  include: [],
  exclude: [],
  contextLines: 7,
  fingerprintIncludesVersion: false,
  stackTraceLimit: 100,
  failFast: [],
  failFastOnSpans: false,
  failFastCode: 1,
  failFastTimeoutMs: 5000,
  gracefulSignals: false,
  spanProcessors: [],
} as const satisfies ErrOptions;
