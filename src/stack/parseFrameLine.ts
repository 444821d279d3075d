import type { StackFrame } from './StackFrame.ts';
import { parseLocation } from './parseLocation.ts';
import { nameOrNull, openParenIndex } from './scan.ts';

/** A frame's text cut into the printed name (absent for anonymous functions) and the location. */
interface Parts {
  name: string | null;
  location: string;
}

function split(text: string): Parts {
  if (text.endsWith(')')) {
    const open = openParenIndex(text, text.length - 1);
    if (open >= 0)
      return { name: text.slice(0, open).trimEnd(), location: text.slice(open + 1, -1) };
    // More `)` than `(`: the first ` (` is the best guess left.
    const space = text.indexOf(' (');
    if (space >= 0) return { name: text.slice(0, space), location: text.slice(space + 2, -1) };
    return { name: null, location: text };
  }
  // `name (location` with the `)` cut off (truncated logs), unless the `(` is closed later on,
  // as in the anonymous `/Users/felix (something)/x.js:1:2`.
  const space = text.lastIndexOf(' (');
  if (space >= 0 && text.indexOf(')', space) < 0) {
    return { name: text.slice(0, space), location: text.slice(space + 2) };
  }
  return { name: null, location: text };
}

/**
 * Parses the text after `at ` of one V8 frame line. Returns `null` when it is not a frame: a
 * location-only text needs a position or a built-in marker; with `strict` (text found after junk
 * on the line) a named frame needs a position too.
 */
export function parseFrameLine(body: string, strict: boolean): StackFrame | null {
  let text = body.trimEnd();
  const isAsync = text.startsWith('async ');
  if (isAsync) text = text.slice(6);
  if (text === '') return null;
  const parts = split(text);
  let name = parts.name ?? '';
  const isConstructor = name.startsWith('new ');
  if (isConstructor) name = name.slice(4);
  let alias: string | null = null;
  const as = name.endsWith(']') ? name.lastIndexOf(' [as ') : -1;
  if (as >= 0) {
    alias = name.slice(as + 5, -1);
    name = name.slice(0, as);
  }
  const fn = nameOrNull(name);
  // Chrome DevTools prints `(async http://…)` for async frames of scripts.
  const locationText =
    parts.name !== null && parts.location.startsWith('async ')
      ? parts.location.slice(6)
      : parts.location;
  const location = parseLocation(locationText, fn);
  const positioned = location.line !== null || location.native || location.eval;
  if (!positioned && (parts.name === null || strict)) return null;
  return { function: fn, alias, async: isAsync, isConstructor, ...location };
}
