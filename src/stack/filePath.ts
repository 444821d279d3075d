import { fileURLToPath } from 'node:url';
import { memoizeString } from './memoizeString.ts';

// POSIX `/x`, Windows `C:\x` or `C:/x`, UNC `\\server\share`.
const ABSOLUTE = /^(?:\/|[a-z]:[\\/]|\\\\)/i;
// Distinct files seen in stacks (each is asked for several times per frame: map, source, in-app);
// paths longer than the key limit are rare enough to be converted every time.
const MEMO_BOUNDS = { maxEntries: 1024, maxKeyLength: 512 };

function computeFilePath(file: string): string | null {
  if (file.startsWith('file:')) {
    try {
      return fileURLToPath(file);
    } catch {
      return null;
    }
  }
  return ABSOLUTE.test(file) ? file : null;
}

const memoFilePath = memoizeString(computeFilePath, MEMO_BOUNDS);

/**
 * The readable filesystem path of a frame's file: a `file://` URL becomes a path (percent-decoded),
 * an absolute path is returned as is; `node:`, `data:`, `http(s):`, `<anonymous>`, relative names
 * and anything unreadable give `null`. Results are memoised (`fileURLToPath` costs ~1 µs).
 */
export function toFilePath(file: string | null): string | null {
  if (file === null || file === '') return null;
  return memoFilePath(file);
}
