import type { Frame, JsonValue } from '../errorinfo/ErrorInfo.ts';
import type { ResolvedFormatOptions } from './FormatOptions.ts';
import { frameLocation, frameText, functionName } from './frameText.ts';
import { palette, type Palette } from './palette.ts';
import { renderValue } from './renderValue.ts';
import { caretText } from './sourceLines.ts';
import { displayLine, safeLine } from './text.ts';

/** Names longer than this do not widen the `name = value` column. */
const maxNameWidth = 24;

/** A frame outside the app, or without source and locals: one Node-syntax line. */
export function frameOneLine(frame: Frame, options: ResolvedFormatOptions, pal: Palette): string {
  const max = options.maxLineLength;
  if (frame.inApp) return `  at ${frameText(frame, max, pal.bold, pal.cyan)}`;
  const plain = palette(false);
  return pal.gray(`  at ${frameText(frame, max, plain.bold, plain.cyan)}`);
}

/** A frame as a block: `file:line:col in function (module)`, compiled position, numbered source with a caret, locals. */
export function frameBlock(frame: Frame, options: ResolvedFormatOptions, pal: Palette): string[] {
  const max = options.maxLineLength;
  const fn = functionName(frame, max) || '<anonymous>';
  const module = frame.module ? pal.gray(` (${safeLine(frame.module, max)})`) : '';
  const lines = [`${pal.cyan(frameLocation(frame, max))} in ${pal.bold(fn)}${module}`];
  const gen = frame.generated;
  if (gen) {
    const where = frameLocation({ ...frame, ...gen, eval: false }, max);
    lines.push(
      pal.gray(`  compiled: ${where}${gen.function ? ` in ${safeLine(gen.function, max)}` : ''}`),
    );
  }
  lines.push(...sourceBlock(frame, options, pal));
  lines.push(...localsBlock(frame.locals, options, pal));
  return lines;
}

function sourceBlock(frame: Frame, options: ResolvedFormatOptions, pal: Palette): string[] {
  const source = frame.source;
  if (!source || !Array.isArray(source.lines) || source.lines.length === 0) return [];
  const { firstLine, currentLine } = source;
  const from = Math.max(firstLine, currentLine - options.contextLines);
  const to = Math.min(firstLine + source.lines.length - 1, currentLine + options.contextLines);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const raw = source.lines[n - firstLine];
    if (typeof raw !== 'string') continue;
    const current = n === currentLine;
    const { text, caret } = displayLine(raw, current ? frame.column : null, options.maxLineLength);
    const number = String(n).padStart(width);
    const code = text === '' ? '' : ` ${current ? pal.bold(text) : text}`;
    out.push(
      current
        ? `  ${pal.red(pal.bold('>'))} ${pal.bold(number)} ${pal.gray('|')}${code}`
        : `    ${pal.gray(`${number} |`)}${code}`,
    );
    if (current && caret !== null) {
      out.push(`    ${' '.repeat(width)} ${pal.gray('|')} ${caretText(caret, pal)}`);
    }
  }
  return out;
}

function localsBlock(
  locals: Record<string, JsonValue> | null,
  options: ResolvedFormatOptions,
  pal: Palette,
): string[] {
  if (!locals || typeof locals !== 'object') return [];
  const entries = Object.entries(locals);
  if (entries.length === 0) return [];
  const names = entries.map(([name]) => safeLine(name, maxNameWidth * 2));
  const width = Math.min(maxNameWidth, Math.max(...names.map(name => name.length)));
  return [
    '  Locals:',
    ...entries.map(
      ([, value], i) =>
        `    ${pal.cyan(names[i] ?? '')}${' '.repeat(Math.max(0, width - (names[i] ?? '').length))} = ${renderValue(value, options.maxValueLength, pal)}`,
    ),
  ];
}
