import type { SpanProcessor } from '@opentelemetry/sdk-trace';
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
  /** Exit code after an uncaught exception or a fatal unhandled rejection. Default 1. */
  failFastCode?: number;
  /** One deadline for flushing every pipeline before a crash exit, in ms. Default 5000. */
  failFastTimeoutMs?: number;
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
  failFastCode: 1,
  failFastTimeoutMs: 5000,
  spanProcessors: [],
} as const satisfies ErrOptions;
