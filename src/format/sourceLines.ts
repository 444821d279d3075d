import type { Frame, SourceContext } from '../errorinfo/ErrorInfo.ts';
import type { Palette } from './palette.ts';
import { displayLine } from './text.ts';

/** The raw text of the frame's current line, or `null` when the context does not hold it. */
export function currentSource(source: SourceContext | null): string | null {
  if (!source || !Array.isArray(source.lines)) return null;
  const line = source.lines[source.currentLine - source.firstLine];
  return typeof line === 'string' ? line : null;
}

/**
 * The throwing line without its indentation and a caret under the frame's column:
 * `['const x = a.b.c;', '          ^']`, or `[]` without source.
 */
export function throwingLine(frame: Frame, max: number, pal: Palette): string[] {
  const raw = currentSource(frame.source);
  if (raw === null || raw.trim() === '') return [];
  const indent = raw.length - raw.trimStart().length;
  const { text, caret } = displayLine(raw, frame.column, max, indent);
  return caret === null ? [text] : [text, caretText(caret, pal)];
}

/** Spaces then a caret at a 0-based display offset. */
export function caretText(offset: number, pal: Palette): string {
  return ' '.repeat(offset) + pal.red(pal.bold('^'));
}
