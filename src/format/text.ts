/**
 * C0/C1 controls, DEL, line/paragraph separators and bidirectional overrides ("Trojan Source",
 * CVE-2021-42574): anything that could move the cursor, recolour the terminal or reorder text.
 */
const unsafe =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Spaces a tab in source code is shown as (fixed width, so carets stay aligned). */
const tabWidth = 4;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return (
    named[ch] ??
    (code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/** Makes untrusted text safe for a terminal: control and bidi characters become visible escapes (`\x1b`, `\n`, `\u202e`). */
export function escapeText(text: string): string {
  return text.replace(unsafe, escapeChar);
}

/** Cuts `text` to at most `max` characters, ending in `…` when cut (never splitting a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Escapes then clips: the usual treatment of one line of untrusted text. */
export function safeLine(text: string, max: number): string {
  // Escaping only grows text, so cutting the raw text first bounds the work on huge inputs.
  return clip(escapeText(text.length > max ? text.slice(0, max + 1) : text), max);
}

/** A message split into display lines, each escaped and clipped, with a count of lines left out. */
export function messageLines(message: string, maxLines: number, maxLength: number): string[] {
  const lines = message.split(/\r?\n/, maxLines + 1);
  const shown = lines.slice(0, maxLines).map(line => safeLine(line, maxLength));
  if (lines.length > maxLines) {
    const total = message.split(/\r?\n/).length;
    shown.push(`… ${total - maxLines} more line${total - maxLines === 1 ? '' : 's'}`);
  }
  return shown;
}

/** A source line made displayable, and where its caret goes (0-based display offset), when known. */
export interface DisplayLine {
  /** Escaped, tab-expanded, clipped text. */
  text: string;
  /** Display offset of the column, or `null` when the line has no usable column. */
  caret: number | null;
}

/**
 * Prepares one source line for display: tabs expanded, controls escaped, leading `dedent`
 * characters dropped, and a line longer than `max` shown as a window around the column
 * (minified bundles put a whole program on one line).
 */
export function displayLine(
  raw: string,
  column: number | null,
  max: number,
  dedent = 0,
): DisplayLine {
  const index = column !== null && column >= 1 && column <= raw.length + 1 ? column - 1 : null;
  // Only the part that can end up on screen is processed: a minified line may be megabytes.
  const from = Math.max(dedent, index === null ? dedent : index - max);
  const to = Math.min(raw.length, (index ?? from) + max);
  let text = '';
  let caret: number | null = index !== null && index < from ? 0 : null;
  for (let i = from; i < to; i++) {
    if (i === index) caret = text.length;
    const ch = raw[i] ?? '';
    text += ch === '\t' ? ' '.repeat(tabWidth) : escapeText(ch);
  }
  if (index !== null && index >= to) caret = text.length;
  return windowed(text, caret, max, from > dedent, to < raw.length);
}

function windowed(
  text: string,
  caret: number | null,
  max: number,
  cutLeft: boolean,
  cutRight: boolean,
): DisplayLine {
  if (!cutLeft && !cutRight && text.length <= max) return { text, caret };
  const start = caret === null || caret < max - 2 ? 0 : caret - Math.floor(max / 2);
  const left = cutLeft || start > 0 ? '…' : '';
  const room = max - left.length;
  const rest = text.slice(start);
  const body = cutRight || rest.length > room ? `${rest.slice(0, room - 1)}…` : rest;
  return { text: left + body, caret: caret === null ? null : caret - start + left.length };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
