import { hash } from 'node:crypto';

/** Links of a `cause` chain a storm key covers; a longer chain gets no key (its root may lie beyond). */
const MAX_LINKS = 16;
const FRAMES_START = '\n    at ';

/**
 * A cheap key that stands for everything the default fingerprint of `error` is computed from, read without
 * source maps, files or CallSites: per link of the `cause` chain, the error's `name`, its `code` and the raw
 * `at` lines of its `stack` (absolute paths and positions: valid in this process only), or its message when it
 * has no frame; SHA-1 of that. Equal keys mean equal default fingerprints, so a `StormCache` can skip the
 * capture. `null` when no safe key exists: not an error object, no string stack, a stack without V8's `at`
 * lines (a custom `prepareStackTrace`), a getter that throws, a chain longer than 16 links. Reads `error.stack`,
 * which formats it if nothing had (a later capture then parses that text instead of reading CallSites; the
 * fingerprint is the same). Never throws.
 */
export function stormKey(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  try {
    const text: string[] = [];
    const seen = new Set<object>();
    let link: unknown = error;
    while (typeof link === 'object' && link !== null && !seen.has(link)) {
      if (seen.size === MAX_LINKS) return null;
      seen.add(link);
      const part = linkText(link);
      if (part === null) return null;
      text.push(part);
      link = Reflect.get(link, 'cause');
    }
    // A cause that is not an object (a string, a number) is part of the chain the fingerprint walks.
    if (typeof link !== 'object' || link === null) text.push(`cause:${primitiveText(link)}`);
    return hash('sha1', text.join('\0'), 'base64');
  } catch {
    return null;
  }
}

function linkText(link: object): string | null {
  const stack: unknown = Reflect.get(link, 'stack');
  if (typeof stack !== 'string') return null;
  const name = String(Reflect.get(link, 'name'));
  const code = String(Reflect.get(link, 'code'));
  const message = String(Reflect.get(link, 'message'));
  // The header repeats the message (variable values): skip it, and a multi-line message with it.
  const headerEnd = stack.startsWith(`${name}: ${message}`) ? name.length + 2 + message.length : 0;
  const framesStart = stack.indexOf(FRAMES_START, headerEnd);
  let frames: string;
  if (framesStart >= 0) frames = stack.slice(framesStart);
  // No frame at all (an error from a native callback): the fingerprint falls back to the message.
  else if (!stack.includes('\n')) frames = `message:${message}`;
  // A stack some `prepareStackTrace` formatted its own way: its text may not tell two sites apart.
  else return null;
  const constructor: unknown = Reflect.get(link, 'constructor');
  const className = typeof constructor === 'function' ? constructor.name : '';
  return `${className}\0${name}\0${code}\0${frames}`;
}

function primitiveText(value: unknown): string {
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `function:${value.name}`;
  return `${typeof value}:${String(value)}`;
}
