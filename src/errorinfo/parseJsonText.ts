import { ErrorInfoFormatError } from './ErrorInfoFormatError.ts';

const POSITION = /at position (\d+)/;
const END_OF_INPUT = 'Unexpected end of JSON input';

/** `JSON.parse`, with a syntax error turned into an `ErrorInfoFormatError` at `$` that gives the position. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = reportedPosition(text, message) ?? locateError(text);
    const where = POSITION.test(message) ? '' : ` at position ${position}`;
    throw new ErrorInfoFormatError('$', `invalid JSON${where}: ${message}`, { cause: error });
  }
}

function reportedPosition(text: string, message: string): number | undefined {
  if (message === END_OF_INPUT) return text.length;
  const match = POSITION.exec(message);
  return match === null ? undefined : Number(match[1]);
}

/**
 * V8 leaves the position out of "Unexpected token" errors. Every prefix of a valid text either
 * parses or fails at its own end, and that stops one character after the error: binary search for
 * it (log n extra parses, on the error path only).
 */
function locateError(text: string): number {
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    if (isViablePrefix(text.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return good;
}

function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    return reportedPosition(prefix, message) === prefix.length;
  }
}
