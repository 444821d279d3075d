import type { ErrorInfo, ExceptionInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import { chainLevel } from './chain.ts';
import { exceptionTitle, noFramesNote } from './exceptionText.ts';
import type { ResolvedFormatOptions } from './FormatOptions.ts';
import { frameText } from './frameText.ts';
import { palette, type Palette } from './palette.ts';
import { gapText, selectFrames } from './selectFrames.ts';
import { throwingLine } from './sourceLines.ts';
import { safeLine } from './text.ts';

/**
 * Compact: `Type: message  [service version · ×count · fingerprint]`, one Node-syntax line per
 * frame (innermost first, so editors still link `(file:line:col)`), library runs collapsed, the
 * throwing line with a caret under the top in-app frame, then each `[cause]`/`[errors i/n]`
 * indented below with its own frames.
 */
export function terse(info: ErrorInfo, options: ResolvedFormatOptions): string {
  const pal = palette(options.color);
  const lines = render(info.exception, info.frames, undefined, 0, options, pal);
  const meta = headerMeta(info, options.maxLineLength);
  if (meta !== '') lines[0] += `  ${pal.gray(`[${meta}]`)}`;
  return lines.join('\n');
}

function headerMeta(info: ErrorInfo, max: number): string {
  const service = [info.name, info.version].filter(part => typeof part === 'string' && part !== '');
  const parts = [service.join(' ')];
  if (typeof info.count === 'number' && info.count > 1) parts.push(`×${info.count}`);
  if (info.fingerprint) parts.push(info.fingerprint);
  return safeLine(parts.filter(part => part !== '').join(' · '), max);
}

function render(
  exc: ExceptionInfo,
  frames: readonly Frame[],
  parentFrames: readonly Frame[] | undefined,
  depth: number,
  options: ResolvedFormatOptions,
  pal: Palette,
): string[] {
  const lines = exceptionTitle(exc, options, pal).map((line, i) => (i === 0 ? line : `  ${line}`));
  const items = selectFrames(frames, { ...options, parentFrames });
  // The library line that threw is still worth a look when no app frame has source.
  const snippetFrame =
    frames.find(frame => frame.inApp && frame.source) ?? (frames[0]?.source ? frames[0] : null);
  for (const item of items) {
    if (item.kind !== 'frame') {
      lines.push(pal.gray(`    ${gapText(item)}`));
      continue;
    }
    const { frame } = item;
    const max = options.maxLineLength;
    lines.push(
      frame.inApp
        ? `    at ${frameText(frame, max, pal.bold, pal.cyan)}`
        : pal.gray(`    at ${frameText(frame, max, plain.bold, plain.cyan)}`),
    );
    if (frame === snippetFrame) {
      lines.push(...throwingLine(frame, max, pal).map(line => `        ${line}`));
    }
  }
  if (frames.length === 0) lines.push(pal.gray(`    ${noFramesNote(exc)}`));
  const level = chainLevel(exc, depth, options);
  for (const { label, exception } of level.links) {
    const nested = render(exception, exception.frames ?? [], frames, depth + 1, options, pal);
    nested[0] = `${pal.yellow(label)} ${nested[0] ?? ''}`;
    lines.push(...nested.map(line => `  ${line}`));
  }
  for (const note of [level.moreErrors, level.cut]) {
    if (note !== null) lines.push(pal.gray(`  ${note}`));
  }
  return lines;
}

const plain = palette(false);
