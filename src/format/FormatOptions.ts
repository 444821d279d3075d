import { diag } from '@opentelemetry/api';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { resolveColor } from './resolveColor.ts';

/** Names of the built-in formatters. */
export type FormatName = 'basic' | 'terse' | 'extend';

/** A custom formatter as a plain function; it receives the options with every default filled in. */
export type FormatFunction = (info: ErrorInfo, options: ResolvedFormatOptions) => string;

/** A custom formatter as an object. */
export interface Formatter {
  /** Renders the report; it receives the options with every default filled in. */
  format(info: ErrorInfo, options: ResolvedFormatOptions): string;
}

/** How a traceback is rendered. Every field is optional; defaults are in `defaultFormatOptions`. */
export interface FormatOptions {
  /** ANSI colours. The default is automatic: `resolveColor(process.stderr)` (NO_COLOR, FORCE_COLOR, TTY). */
  color?: boolean;
  /** Source lines shown on each side of the current line (`extend`). The default value is 7. */
  contextLines?: number;
  /** Locals and other values are clipped to this many characters with `…`. The default value is 120. */
  maxValueLength?: number;
  /** Frames shown per exception; the rest are counted in one `… N more frames` line. The default value is 100. */
  maxFrames?: number;
  /** Runs of more consecutive non-app frames than this collapse into one `… N library frames` line (`terse`, `extend`). The default value is 3. */
  maxLibraryRun?: number;
  /** Message lines, source lines and locations are clipped to this many characters. The default value is 240. */
  maxLineLength?: number;
  /** Lines of a multi-line message shown before `… N more lines`. The default value is 20. */
  maxMessageLines?: number;
  /** Levels of `cause` / `errors` nesting shown. The default value is 10. */
  maxChainDepth?: number;
  /** Members of an `AggregateError` shown per level. The default value is 10. */
  maxErrors?: number;
}

/** `FormatOptions` with every default applied and `color` decided. */
export type ResolvedFormatOptions = Required<FormatOptions>;

/** The defaults of every numeric option (`color` is decided per call by `resolveColor`). */
export const defaultFormatOptions: Readonly<Omit<ResolvedFormatOptions, 'color'>> = {
  contextLines: 7,
  maxValueLength: 120,
  maxFrames: 100,
  maxLibraryRun: 3,
  maxLineLength: 240,
  maxMessageLines: 20,
  maxChainDepth: 10,
  maxErrors: 10,
};

/** Smallest sensible value of each numeric option: below it the output would be unreadable. */
const minimums: Readonly<Omit<ResolvedFormatOptions, 'color'>> = {
  contextLines: 0,
  maxValueLength: 8,
  maxFrames: 1,
  maxLibraryRun: 0,
  maxLineLength: 20,
  maxMessageLines: 1,
  maxChainDepth: 0,
  maxErrors: 0,
};

/** Fills in defaults; a nonsensical number (NaN, negative, too small) is replaced by its default with a warning. */
export function resolveFormatOptions(options: FormatOptions = {}): ResolvedFormatOptions {
  const resolved: ResolvedFormatOptions = {
    ...defaultFormatOptions,
    color: typeof options.color === 'boolean' ? options.color : resolveColor(process.stderr),
  };
  for (const key of Object.keys(defaultFormatOptions) as (keyof typeof defaultFormatOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && !Number.isNaN(value) && value >= minimums[key]) {
      resolved[key] = Math.floor(value);
    } else {
      diag.warn(
        `format: option ${key} = ${String(value)} is invalid (a number >= ${minimums[key]}); ` +
          `using the default ${defaultFormatOptions[key]}`,
      );
    }
  }
  return resolved;
}
