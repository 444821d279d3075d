import type { SourceContext } from '../errorinfo/ErrorInfo.ts';

/** Options of `readSourceContext`. */
export interface ReadSourceContextOptions {
  /** Lines kept before and after the current line. Default 7 (as Gufo Err's extend format). */
  contextLines?: number;
  /** Characters kept of a long line; the cut is marked with `…` (not counted). Default 200. */
  maxLineLength?: number;
  /** 1-based column on the current line: a clipped current line keeps a window around it. Default none. */
  column?: number | null;
}

const defaults = { contextLines: 7, maxLineLength: 200 };

const ellipsis = '…';

/**
 * The lines around 1-based `line` of a file already split into lines, or `null` when `line` is
 * out of range. Long lines are clipped so one minified line cannot bloat a report.
 */
export function readSourceContext(
  lines: readonly string[],
  line: number,
  options: ReadSourceContextOptions = {},
): SourceContext | null {
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return null;
  const around = atLeast(0, options.contextLines, defaults.contextLines);
  const maxLength = atLeast(1, options.maxLineLength, defaults.maxLineLength);
  const firstLine = Math.max(1, line - around);
  const lastLine = Math.min(lines.length, line + around);
  // One copy of the range, then only the (rare) long lines are replaced: this runs for most frames.
  const kept = lines.slice(firstLine - 1, lastLine);
  for (let index = 0; index < kept.length; index++) {
    const text = kept[index] ?? '';
    if (text.length <= maxLength) continue;
    const number = firstLine + index;
    kept[index] = clip(text, maxLength, number === line ? (options.column ?? null) : null);
  }
  return { firstLine, currentLine: line, lines: kept };
}

/** Keeps `maxLength` characters of `text`: its head, or a window centred on the 1-based `column`. */
function clip(text: string, maxLength: number, column: number | null): string {
  if (text.length <= maxLength) return text;
  let start = 0;
  if (column !== null && Number.isFinite(column)) {
    const centred = Math.floor(column) - 1 - Math.floor(maxLength / 2);
    start = Math.min(Math.max(0, centred), text.length - maxLength);
  }
  let end = start + maxLength;
  // Never split a surrogate pair: a lone half is not valid UTF-8 once the report is written.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  return (start > 0 ? ellipsis : '') + text.slice(start, end) + (end < text.length ? ellipsis : '');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function atLeast(minimum: number, value: number | undefined, fallback: number): number {
  return value === undefined || Number.isNaN(value)
    ? fallback
    : Math.max(minimum, Math.floor(value));
}
