import type { SourceContext } from '../errorinfo/ErrorInfo.ts';

/** Lines one statement may span (a `throw new E(` wrapped by a formatter over several lines). */
const MAX_STATEMENT_LINES = 6;
/** Characters of source scanned for one statement, line breaks and white space included. */
const MAX_STATEMENT_LENGTH = 240;
/** Characters of a receiver chain (`this.repo.users.`) kept before the name V8 points at. */
const MAX_RECEIVER_LENGTH = 120;
const CLIPPED = '…';
const NO_QUOTE = 0;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const OPENERS = new Set([0x28, 0x5b, 0x7b]);
const CLOSERS = new Set([0x29, 0x5d, 0x7d]);
const QUOTES = new Set([0x22, 0x27, BACKTICK]);
const ENDS = new Set([0x3b, 0x2c]);
const SPACES = new Set([0x20, 0x09, 0x0b, 0x0c, 0x0d, 0xa0, 0xfeff]);

interface Scan {
  text: string;
  depth: number;
  quote: number;
  done: boolean;
}

/**
 * The text of the expression a frame points at, white space folded: from the frame's 1-based `column` to the
 * end of its statement (`;` or `,` outside brackets, a closing bracket of the enclosing expression, or the end of
 * a line with every bracket closed), following the next lines while brackets or a template literal are open.
 * The receiver chain before the column is kept (V8 points at `name` in `user.profile.name`).
 * Starting at the column keeps two throws on one line apart and ignores indentation; stopping at the statement
 * end ignores what follows on the line. A line clipped around the column (minified code, marked `…`) is taken
 * whole: it is the same text for the same build. `null` when the line is missing or blank.
 */
export function statementText(source: SourceContext, column: number | null): string | null {
  const index = source.currentLine - source.firstLine;
  const line = source.lines[index];
  if (line === undefined) return null;
  if (line.startsWith(CLIPPED)) return fold(line);
  let start = column !== null && column >= 1 && column <= line.length ? column - 1 : 0;
  while (start < line.length && SPACES.has(line.charCodeAt(start))) start++;
  if (start >= line.length) return fold(line);
  const scan: Scan = { text: '', depth: 0, quote: NO_QUOTE, done: false };
  scanLine(scan, line, receiverStart(line, start));
  for (let next = index + 1; !scan.done && next < index + MAX_STATEMENT_LINES; next++) {
    const following = source.lines[next];
    if (following === undefined) break;
    scan.text += '\n';
    scanLine(scan, following, 0);
  }
  return fold(scan.text);
}

// V8 points at the property or method name (`profile.name` → `name`): the receiver belongs to the expression.
function receiverStart(line: string, start: number): number {
  let at = start;
  while (at > 0 && start - at < MAX_RECEIVER_LENGTH) {
    const code = line.charCodeAt(at - 1);
    if (isReceiverChar(code)) {
      at--;
    } else if (CLOSERS.has(code)) {
      const open = openerIndex(line, at - 1);
      if (open < 0) break;
      at = open;
    } else {
      break;
    }
  }
  return at;
}

// ASCII identifier characters, `.` and `?` (optional chaining).
function isReceiverChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x24 ||
    code === 0x2e ||
    code === 0x3f
  );
}

function openerIndex(line: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const code = line.charCodeAt(i);
    if (CLOSERS.has(code)) depth++;
    else if (OPENERS.has(code) && --depth === 0) return i;
  }
  return -1;
}

function scanLine(scan: Scan, line: string, from: number): void {
  const end = Math.min(line.length, from + MAX_STATEMENT_LENGTH - scan.text.length);
  let i = from;
  for (; i < end; i++) {
    const code = line.charCodeAt(i);
    if (scan.quote !== NO_QUOTE) {
      if (code === BACKSLASH) i++;
      else if (code === scan.quote) scan.quote = NO_QUOTE;
      continue;
    }
    if (code === SLASH && line.charCodeAt(i + 1) === SLASH) break;
    if (scan.depth === 0 && (ENDS.has(code) || CLOSERS.has(code))) {
      scan.text += line.slice(from, i);
      scan.done = true;
      return;
    }
    if (QUOTES.has(code)) scan.quote = code;
    else if (OPENERS.has(code)) scan.depth++;
    else if (CLOSERS.has(code)) scan.depth--;
  }
  scan.text += line.slice(from, Math.min(i, end));
  if (end < line.length && i >= end) {
    scan.done = true;
    return;
  }
  // A quote other than a template literal cannot span lines: an unclosed one was a regex or a typo.
  if (scan.quote !== BACKTICK) scan.quote = NO_QUOTE;
  if (scan.depth === 0 && scan.quote === NO_QUOTE) scan.done = true;
}

function fold(text: string): string | null {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded === '' ? null : folded;
}
