import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Reads a whole regular file synchronously, or returns `null` when it is not a regular file or is
 * larger than `maxBytes`. Throws on I/O errors (missing file, no permission): callers cache them.
 */
export type FileReader = (path: string, maxBytes: number) => Buffer | null;

// O_NONBLOCK: opening a named pipe must not hang the crash path waiting for a writer.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The default `FileReader`: one open and one fstat; the size is checked before anything is read. */
export function readFileLimited(path: string, maxBytes: number): Buffer | null {
  const fd = openSync(path, openFlags);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return null;
    const buffer = Buffer.allocUnsafe(stats.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
