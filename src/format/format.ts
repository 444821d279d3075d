import { diag } from '@opentelemetry/api';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { basic } from './basic.ts';
import { extend } from './extend.ts';
import {
  resolveFormatOptions,
  type FormatFunction,
  type FormatName,
  type FormatOptions,
  type Formatter,
} from './FormatOptions.ts';
import { safeLine } from './text.ts';
import { terse } from './terse.ts';

/** The built-in formatters by name. Every one prints frames innermost first, as Node does. */
const formatters: Readonly<Record<FormatName, FormatFunction>> = { basic, terse, extend };

/**
 * Renders an ErrorInfo as a human-readable traceback: `'basic'` (Node's look), `'terse'`
 * (default; compact, one line per frame) or `'extend'` (source context and locals per frame),
 * or a custom function/object. Throws a TypeError only for an invalid `formatter` argument;
 * a custom formatter that throws falls back to `'basic'` with a one-line note, so the report
 * is never lost.
 */
export function format(
  info: ErrorInfo,
  formatter: FormatName | FormatFunction | Formatter = 'terse',
  options?: FormatOptions,
): string {
  const render = pick(formatter);
  const resolved = resolveFormatOptions(options);
  try {
    const out = render(info, resolved);
    if (typeof out === 'string') return out;
    throw new TypeError(`returned ${typeof out}, not a string`);
  } catch (error) {
    const reason = safeLine(describe(error), 200);
    diag.warn(`format: the formatter failed (${reason}); falling back`);
    const note = `[otel-err] formatter failed (${reason}); printed with 'basic' instead`;
    try {
      return `${note}\n${basic(info, resolved)}`;
    } catch (fallbackError) {
      diag.warn(`format: the basic formatter failed too (${describe(fallbackError)})`);
      return `${note}; basic failed too: ${lastResort(info)}`;
    }
  }
}

function pick(formatter: unknown): FormatFunction {
  if (typeof formatter === 'function') return formatter as FormatFunction;
  if (typeof formatter === 'string' && Object.hasOwn(formatters, formatter)) {
    return formatters[formatter as FormatName];
  }
  if (isFormatter(formatter)) return (info, options) => formatter.format(info, options);
  const shown = typeof formatter === 'string' ? `'${formatter}'` : String(formatter);
  throw new TypeError(
    `Invalid formatter: ${safeLine(shown, 80)}. Use one of ${Object.keys(formatters)
      .map(name => `'${name}'`)
      .join(
        ', ',
      )}, a function (info, options) => string, or an object with a format(info, options) method.`,
  );
}

function isFormatter(value: unknown): value is Formatter {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Formatter>).format === 'function'
  );
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'an unprintable value';
  }
}

/** The exception's type and message, from a report too broken for any formatter. */
function lastResort(info: ErrorInfo): string {
  try {
    return safeLine(`${String(info.exception.type)}: ${String(info.exception.message)}`, 500);
  } catch {
    return '(unreadable report)';
  }
}
