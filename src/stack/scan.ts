/**
 * Character scanners shared by the stack parsers. Each one walks its input once, without regular
 * expressions, so parsing stays linear in the input whatever the input is.
 */

/** A location split into the file as printed and its 1-based position. */
export interface Position {
  /** Everything before the `:line[:column]` suffix (the whole text when there is none). */
  file: string;
  /** 1-based line, or `null` when the text has no usable line number. */
  line: number | null;
  /** 1-based column (0 is kept), or `null`. */
  column: number | null;
}

// A run of more digits than this is not a position V8 could print (2^53 has 16 digits).
const MAX_DIGITS = 15;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Start index of the run of decimal digits that ends at `end` (exclusive). */
function digitsStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && isDigit(text.charCodeAt(i - 1))) i--;
  return i;
}

function toInt(text: string, start: number, end: number): number | null {
  if (end === start || end - start > MAX_DIGITS) return null;
  return Number(text.slice(start, end));
}

function position(file: string, line: number, column: number | null): Position {
  // V8 lines are 1-based: a line 0 is not a position, so the frame gets none rather than a fake one.
  return line === 0 ? { file, line: null, column: null } : { file, line, column };
}

/**
 * Splits `file:line:column` or `file:line` from the right, so colons inside the file (`C:\`,
 * `lib/20:20:20/x.js`, URLs with ports) stay in the file.
 */
export function splitPosition(text: string): Position {
  const none: Position = { file: text, line: null, column: null };
  const lastStart = digitsStart(text, text.length);
  const last = toInt(text, lastStart, text.length);
  if (last === null || lastStart < 2 || text.charCodeAt(lastStart - 1) !== 58 /* : */) return none;
  const colon = lastStart - 1;
  const prevStart = digitsStart(text, colon);
  const prev = toInt(text, prevStart, colon);
  if (prev !== null && prevStart >= 2 && text.charCodeAt(prevStart - 1) === 58) {
    return position(text.slice(0, prevStart - 1), prev, last);
  }
  return position(text.slice(0, colon), last, null);
}

/**
 * Index of the `(` that balances the `)` at `close`, scanning leftwards; -1 when none does.
 * Taking the last balanced group keeps names such as `Object.a (s) d` and files such as
 * `/Users/felix (something)/x.js` whole.
 */
export function openParenIndex(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 41 /* ) */) depth++;
    else if (code === 40 /* ( */ && --depth === 0) return i;
  }
  return -1;
}

/** `null` for the names V8 prints when a function has none (`''`, `<anonymous>`). */
export function nameOrNull(name: string): string | null {
  return name === '' || name === '<anonymous>' ? null : name;
}
