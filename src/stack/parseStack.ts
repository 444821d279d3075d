import type { StackFrame } from './StackFrame.ts';
import { parseFrameLine } from './parseFrameLine.ts';
import { splitPosition } from './scan.ts';

/** Options of {@link parseStack}. */
export interface ParseStackOptions {
  /**
   * The error's `message`. When given (and not empty), the header `Name: message` is found in the
   * text and skipped whole, so a message that contains lines such as `    at x (/a.js:1:2)` yields
   * no frame. Default: none; the header is then the first line, and a later line of a multi-line
   * message becomes a frame only if it reads as one (`at name (file:line…)`).
   */
  message?: string;
}

// How many occurrences of the message are tried as the header before giving up.
const MAX_HEADER_TRIES = 8;
// `file:` URLs and one-letter drive "schemes" (`C:`) are paths; other schemes are not.
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

type State = 'first' | 'excerpt' | 'afterExcerpt' | 'frames';

/**
 * Parses V8/Node stack text into frames, top of the stack first. Never throws; lines that are not
 * frames are skipped. Linear in the length of the text (hand-written scanners, no backtracking
 * regular expressions), so lines are not length-capped: a capped line would lose its location.
 * The `file:line` + source + caret lines that Node prepends to CJS `SyntaxError` stacks become a
 * first frame with `function: null`. Conventions: see the stack section of the README.
 */
export function parseStack(stack: string, options: ParseStackOptions = {}): StackFrame[] {
  const frames: StackFrame[] = [];
  if (typeof stack !== 'string') return frames;
  const message = typeof options.message === 'string' ? options.message : '';
  const header = message === '' ? null : findHeader(stack, message);
  let location: StackFrame | null = null;
  if (header === null) {
    location = parseLines(stack, 'first', frames);
  } else {
    const end = stack.indexOf('\n');
    location = header.lineStart > 0 ? syntaxErrorLocation(stack.slice(0, end)) : null;
    if (location) frames.push(location);
    parseLines(stack.slice(header.end), 'frames', frames);
  }
  // Node also prepends `file:line` + source + caret to errors thrown while a vm script runs; there
  // the throw site is the next frame, which the location line would only repeat.
  const next = frames[1];
  const repeated = location !== null && next?.file === location.file && next.line === location.line;
  return repeated ? frames.slice(1) : frames;
}

/** Where the `Name: message` header (or the bare message, for an empty name) starts and ends. */
function findHeader(stack: string, message: string): { lineStart: number; end: number } | null {
  let from = 0;
  for (let tries = 0; tries < MAX_HEADER_TRIES; tries++) {
    const at = stack.indexOf(message, from);
    if (at < 0) return null;
    const end = at + message.length;
    const startsLine = at === 0 || stack[at - 1] === '\n';
    const afterName = at >= 2 && stack[at - 1] === ' ' && stack[at - 2] === ':';
    const endsLine = end === stack.length || stack[end] === '\n' || stack[end] === '\r';
    if ((startsLine || afterName) && endsLine) {
      return { lineStart: stack.lastIndexOf('\n', at - 1) + 1, end };
    }
    from = at + 1;
  }
  return null;
}

/** Pushes the frames of `text`; returns the CJS SyntaxError location frame when it read one. */
function parseLines(text: string, initial: State, frames: StackFrame[]): StackFrame | null {
  let state = initial;
  let syntaxLocation: StackFrame | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const strong = afterAt(line);
    const frame = strong === null ? null : parseFrameLine(strong, false);
    if (frame) {
      frames.push(frame);
      state = 'frames';
      continue;
    }
    if (state === 'first') {
      syntaxLocation = syntaxErrorLocation(line);
      if (syntaxLocation) frames.push(syntaxLocation);
      state = syntaxLocation ? 'excerpt' : 'frames';
    } else if (state === 'excerpt') {
      // Source line and caret: code, never frames, until the blank line before the header.
      if (line.trim() === '') state = 'afterExcerpt';
    } else if (state === 'afterExcerpt') {
      state = 'frames';
    } else {
      // Text before `at` (log prefixes, corrupt output): the frame needs a position to count.
      const weak = line.indexOf(' at ');
      const junkFrame = weak < 0 ? null : parseFrameLine(line.slice(weak + 4), true);
      if (junkFrame) frames.push(junkFrame);
    }
  }
  return syntaxLocation;
}

/** The text after `at ` when the line is `<spaces>at …`, else `null`. One space is consumed. */
function afterAt(line: string): string | null {
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  return line.startsWith('at ', i) ? line.slice(i + 3) : null;
}

/**
 * Node prepends `/path/bad.cjs:LINE[:COL]` (+ source + caret) to CJS `SyntaxError` stacks. A header
 * such as `MyError: /x.js:10` (has `: `), `http://host:3000` or `node:internal/…:1:2` is not one.
 */
function syntaxErrorLocation(line: string): StackFrame | null {
  if (line === '' || line[0] === ' ' || line[0] === '\t') return null;
  const { file, line: lineNumber, column } = splitPosition(line);
  if (lineNumber === null || file.includes(': ')) return null;
  const scheme = SCHEME.exec(file)?.[1];
  if (scheme !== undefined && scheme.length > 1 && scheme.toLowerCase() !== 'file') return null;
  return {
    function: null,
    alias: null,
    file,
    line: lineNumber,
    column,
    async: false,
    isConstructor: false,
    native: false,
    eval: false,
    evalOrigin: null,
    promiseIndex: null,
  };
}
