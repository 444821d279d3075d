import type { ErrorInfo, ExceptionInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import { chainLevel } from './chain.ts';
import { exceptionTitle } from './exceptionText.ts';
import type { ResolvedFormatOptions } from './FormatOptions.ts';
import { frameText } from './frameText.ts';
import { palette, type Palette } from './palette.ts';
import { gapText, selectFrames } from './selectFrames.ts';
import { safeLine } from './text.ts';

/**
 * Node's own look: the stack as V8 prints it (source-mapped positions), then system-error fields,
 * `[cause]` and `[errors]` inside `{ … }` the way `util.inspect` nests them. Colour only greys
 * out frames outside the app and colours property values, as `util.inspect` does.
 */
export function basic(info: ErrorInfo, options: ResolvedFormatOptions): string {
  return renderError(info.exception, info.frames, 0, options, palette(options.color)).join('\n');
}

function renderError(
  exc: ExceptionInfo,
  frames: readonly Frame[],
  depth: number,
  options: ResolvedFormatOptions,
  pal: Palette,
): string[] {
  const lines = exceptionTitle(exc, options, plain);
  for (const item of selectFrames(frames, { ...options, maxLibraryRun: Infinity })) {
    if (item.kind !== 'frame') lines.push(`    ${gapText(item)}`);
    else {
      const text = `    at ${frameText(item.frame, options.maxLineLength, plain.bold, plain.cyan)}`;
      lines.push(item.frame.inApp ? text : pal.gray(text));
    }
  }
  const entries = propertyEntries(exc, depth, options, pal);
  if (entries.length === 0) return lines;
  lines[lines.length - 1] += ' {';
  entries.forEach((entry, i) => {
    if (i < entries.length - 1) entry[entry.length - 1] += ',';
    lines.push(...entry.map(line => `  ${line}`));
  });
  lines.push('}');
  return lines;
}

function propertyEntries(
  exc: ExceptionInfo,
  depth: number,
  options: ResolvedFormatOptions,
  pal: Palette,
): string[][] {
  const entries: string[][] = [];
  const fields = { errno: exc.errno, code: exc.code, syscall: exc.syscall, path: exc.path };
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const shown =
      typeof value === 'number'
        ? pal.yellow(String(value))
        : pal.green(`'${safeLine(value, options.maxLineLength).replace(/'/g, "\\'")}'`);
    entries.push([`${key}: ${shown}`]);
  }
  const level = chainLevel(exc, depth, options);
  const members: string[][] = [];
  for (const { exception } of level.links) {
    const lines = renderError(exception, exception.frames ?? [], depth + 1, options, pal);
    if (exception === exc.cause) entries.push([`[cause]: ${lines[0] ?? ''}`, ...lines.slice(1)]);
    else members.push(lines);
  }
  if (level.moreErrors !== null) members.push([level.moreErrors]);
  if (members.length > 0) {
    members.forEach((lines, i) => {
      if (i < members.length - 1) lines[lines.length - 1] += ',';
    });
    entries.push(['[errors]: [', ...members.flat().map(line => `  ${line}`), ']']);
  }
  if (level.cut !== null) entries.push([pal.gray(level.cut)]);
  return entries;
}

const plain = palette(false);
