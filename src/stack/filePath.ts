import { fileURLToPath } from 'node:url';

// POSIX `/x`, Windows `C:\x` or `C:/x`, UNC `\\server\share`.
const ABSOLUTE = /^(?:\/|[a-z]:[\\/]|\\\\)/i;

/**
 * The readable filesystem path of a frame's file: a `file://` URL becomes a path (percent-decoded),
 * an absolute path is returned as is; `node:`, `data:`, `http(s):`, `<anonymous>`, relative names
 * and anything unreadable give `null`.
 */
export function toFilePath(file: string | null): string | null {
  if (file === null || file === '') return null;
  if (file.startsWith('file:')) {
    try {
      return fileURLToPath(file);
    } catch {
      return null;
    }
  }
  return ABSOLUTE.test(file) ? file : null;
}
