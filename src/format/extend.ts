import type { ErrorInfo, ExceptionInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import { chainLevel } from './chain.ts';
import { exceptionDetails, exceptionTitle, noFramesNote } from './exceptionText.ts';
import { frameBlock, frameOneLine } from './extendFrame.ts';
import type { ResolvedFormatOptions } from './FormatOptions.ts';
import { palette, type Palette } from './palette.ts';
import { gapText, plural, selectFrames } from './selectFrames.ts';
import { safeLine } from './text.ts';

const rule = '─'.repeat(72);

/**
 * Everything an operator needs without the code open: innermost frame first (Node's order,
 * stated in the output), a block per app frame with numbered source, caret and locals, library
 * frames one line each, then every `[cause]` and `[errors i/n]` as its own section, and a footer
 * with the trace context, time and process.
 */
export function extend(info: ErrorInfo, options: ResolvedFormatOptions): string {
  const pal = palette(options.color);
  const meta = headerMeta(info, options.maxLineLength);
  const context = { label: '', depth: 0, meta: meta === '' ? [] : [pal.gray(`  ${meta}`)] };
  const lines = section(info.exception, info.frames, undefined, context, options, pal);
  const end = footer(info, options.maxLineLength);
  if (end.length > 0) lines.push(pal.gray(rule), ...end.map(line => pal.gray(line)));
  return lines.join('\n');
}

/** Where a section sits in the chain: its path label, depth, and lines shown under its title. */
interface SectionContext {
  label: string;
  depth: number;
  meta: string[];
}

function section(
  exc: ExceptionInfo,
  frames: readonly Frame[],
  parentFrames: readonly Frame[] | undefined,
  { label, depth, meta }: SectionContext,
  options: ResolvedFormatOptions,
  pal: Palette,
): string[] {
  const title = exceptionTitle(exc, options, pal).map((line, i) => (i === 0 ? line : `  ${line}`));
  if (label !== '') title[0] = `${pal.yellow(label)} ${title[0] ?? ''}`;
  const details = exceptionDetails(exc, options.maxLineLength);
  const lines = [...title, ...meta, ...(details === '' ? [] : [pal.gray(`  ${details}`)])];
  lines.push('Traceback (most recent call first):');
  if (frames.length === 0) lines.push(pal.gray(`  ${noFramesNote(exc)}`));
  selectFrames(frames, { ...options, parentFrames }).forEach((item, i) => {
    if (item.kind !== 'frame') lines.push(pal.gray(`  ${gapText(item)}`));
    else if (isBlock(item.frame, i)) lines.push('', ...frameBlock(item.frame, options, pal), '');
    else lines.push(frameOneLine(item.frame, options, pal));
  });
  const level = chainLevel(exc, depth, options);
  for (const link of level.links) {
    const nested = link.exception;
    const context = { label: label + link.label, depth: depth + 1, meta: [] };
    lines.push(
      pal.gray(rule),
      ...section(nested, nested.frames ?? [], frames, context, options, pal),
    );
  }
  for (const note of [level.moreErrors, level.cut]) if (note !== null) lines.push(pal.gray(note));
  // Blank lines frame the blocks; collapse the doubles two adjacent blocks leave.
  return lines.filter((line, i) => line !== '' || (i > 0 && lines[i - 1] !== ''));
}

/** App frames get a block when there is something to show; so does a library frame that threw. */
function isBlock(frame: Frame, index: number): boolean {
  const rich = Boolean(frame.source) || Boolean(frame.locals && Object.keys(frame.locals).length);
  return rich && (frame.inApp || index === 0);
}

function headerMeta(info: ErrorInfo, max: number): string {
  const parts: string[] = [];
  const service = [info.name, info.version].filter(part => typeof part === 'string' && part !== '');
  if (service.length > 0) parts.push(`service ${service.join(' ')}`);
  if (info.fingerprint) parts.push(`fingerprint ${info.fingerprint}`);
  if (typeof info.count === 'number' && info.count > 1) {
    const first = iso(info.firstSeen);
    parts.push(plural(info.count, 'occurrence') + (first ? ` since ${first}` : ''));
  }
  return safeLine(parts.join(' · '), max);
}

function footer(info: ErrorInfo, max: number): string[] {
  const lines: string[] = [];
  if (info.trace) lines.push(`trace ${info.trace.traceId} · span ${info.trace.spanId}`);
  const when = iso(info.timestamp);
  const rt = info.runtime;
  const proc = rt
    ? [`node ${rt.node}`, `pid ${rt.pid}`, `${rt.hostname} (${rt.platform}/${rt.arch})`]
    : [];
  const parts = [...(when ? [when] : []), ...proc];
  if (parts.length > 0) lines.push(parts.join(' · '));
  return lines.map(line => safeLine(line, max));
}

/** An ISO timestamp, or `null` for a missing or invalid date (`toISOString` would throw). */
function iso(date: Date | null | undefined): string | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
