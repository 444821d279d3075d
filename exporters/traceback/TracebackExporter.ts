import { diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { format } from '../../src/format/format.ts';
import type {
  FormatFunction,
  FormatName,
  FormatOptions,
  Formatter,
} from '../../src/format/FormatOptions.ts';
import { resolveColor } from '../../src/format/resolveColor.ts';
import { errorInfosOf } from '../errorInfosOf.ts';

/** Where tracebacks are written: `process.stderr`, a file stream, or any object with `write`. */
export interface TracebackStream {
  /** Writes one chunk of text. */
  write(text: string): unknown;
  /** Whether it is a terminal (decides colours when `color` is not given). */
  isTTY?: boolean;
}

/** Options of `TracebackExporter`: the formatter's options (`contextLines`, `maxFrames`, …) and these. */
export interface TracebackExporterOptions extends FormatOptions {
  /** `'basic'` (Node's look), `'terse'`, `'extend'` (source and locals), or a custom function or `{ format }` object. The default value is `'terse'`. */
  format?: FormatName | FormatFunction | Formatter;
  /** Where tracebacks go. The default is `process.stderr`. */
  stream?: TracebackStream;
  /** ANSI colours. The default is decided for `stream` by `resolveColor` (NO_COLOR, FORCE_COLOR, a TTY). */
  color?: boolean;
}

/** The defaults of `TracebackExporterOptions` (the formatter's own are in `defaultFormatOptions`). */
export const TRACEBACK_DEFAULTS = {
  format: 'terse',
  stream: (): TracebackStream => process.stderr,
} as const;

const FORMAT_NAMES: readonly string[] = ['basic', 'terse', 'extend'];

/**
 * A span exporter that prints each exception of the spans it receives as a traceback, once per
 * exception (an error recorded on a child span and its parent prints once). A custom formatter that
 * throws falls back to `'basic'` (see `format`); a stream that throws fails the export, never the app.
 */
export class TracebackExporter implements SpanExporter {
  private readonly _format: FormatName | FormatFunction | Formatter;
  private readonly _formatOptions: FormatOptions;
  private readonly _stream: TracebackStream;
  private readonly _seen = new WeakSet<ErrorInfo>();
  private _shutdown = false;

  /** An exporter with the given options; throws a TypeError for an invalid `format`. */
  constructor(options: TracebackExporterOptions = {}) {
    const { format: chosen, stream, ...formatOptions } = options;
    this._format = checkFormat(chosen ?? TRACEBACK_DEFAULTS.format);
    this._stream = stream ?? TRACEBACK_DEFAULTS.stream();
    this._formatOptions = {
      ...formatOptions,
      color: formatOptions.color ?? resolveColor(this._stream),
    };
  }

  /** Prints the tracebacks of the exceptions in `spans`, in one write. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this._shutdown) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error(`${NAME}: shut down`) });
      return;
    }
    try {
      const text = errorInfosOf(spans, this._seen)
        .map(info => withNewline(format(info, this._format, this._formatOptions)))
        .join('');
      if (text !== '') this._stream.write(text);
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (failure) {
      diag.warn(`${NAME}: could not print a traceback`, failure);
      const error = failure instanceof Error ? failure : new Error(String(failure));
      resultCallback({ code: ExportResultCode.FAILED, error });
    }
  }

  /** Nothing is buffered. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Refuses further exports; the stream is the caller's and stays open. Idempotent. */
  shutdown(): Promise<void> {
    this._shutdown = true;
    return Promise.resolve();
  }
}

const NAME = 'TracebackExporter';

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function checkFormat(value: unknown): FormatName | FormatFunction | Formatter {
  if (typeof value === 'function') return value as FormatFunction;
  if (typeof value === 'string' && FORMAT_NAMES.includes(value)) return value as FormatName;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Formatter>).format === 'function'
  ) {
    return value as Formatter;
  }
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  throw new TypeError(
    `Invalid option \`format: ${shown.slice(0, 80)}\`. Use 'basic', 'terse', 'extend', a function (info, options) => string, or an object with a format(info, options) method.`,
  );
}
