import type { ExceptionInfo } from '../errorinfo/ErrorInfo.ts';
import type { ResolvedFormatOptions } from './FormatOptions.ts';
import type { Palette } from './palette.ts';
import { messageLines, safeLine } from './text.ts';

/**
 * The exception's heading as display lines: `Type [CODE]: first message line`, then any further
 * message lines. The code is shown Node's way (`TypeError [ERR_X]: …`) unless the message already
 * names it (system errors say `ENOENT: …`). A thrown non-Error reads `Thrown string: …`.
 */
export function exceptionTitle(
  exc: ExceptionInfo,
  options: ResolvedFormatOptions,
  pal: Palette,
): string[] {
  const max = options.maxLineLength;
  const raw = String(exc.message ?? '');
  // `throw null` carries the message "null": saying it twice adds nothing.
  const message = exc.kind !== 'error' && raw === exc.kind ? '' : raw;
  const lines = message === '' ? [] : messageLines(message, options.maxMessageLines, max);
  const first = lines.shift();
  const text = first === undefined ? '' : `: ${pal.bold(first)}`;
  return [pal.red(pal.bold(typeLabel(exc, message, max))) + text, ...lines];
}

function typeLabel(exc: ExceptionInfo, message: string, max: number): string {
  const type = safeLine(String(exc.type ?? '') || 'Error', max);
  if (exc.kind !== 'error') {
    const kind = safeLine(String(exc.kind), max);
    return type.toLowerCase() === kind ? `Thrown ${kind}` : `Thrown ${kind} ${type}`;
  }
  const code = exc.code === null || exc.code === undefined ? '' : String(exc.code);
  return code === '' || message.includes(code) ? type : `${type} [${safeLine(code, max)}]`;
}

/** The system-error fields that are set, as `code ENOENT, errno -2, syscall open, path /x`, or `''`. */
export function exceptionDetails(exc: ExceptionInfo, max: number): string {
  const fields: [string, string | number | null | undefined][] = [
    ['code', exc.code],
    ['errno', exc.errno],
    ['syscall', exc.syscall],
    ['path', exc.path],
  ];
  const set = fields.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return safeLine(set.map(([key, value]) => `${key} ${String(value)}`).join(', '), max);
}

/** Why an exception has no frames, so an empty trace does not look like a fault of the tool. */
export function noFramesNote(exc: ExceptionInfo): string {
  if (exc.kind === 'error') return '(no stack frames)';
  const kind = String(exc.kind);
  const what =
    kind === 'null' || kind === 'undefined'
      ? kind
      : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
  return `(no stack trace: the thrown value is ${what}, not an Error)`;
}
