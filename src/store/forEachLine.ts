import fs from 'node:fs';

/** Called per line with the chunk holding it, its bounds there (without `\n`) and its offset in the file. */
export type LineVisitor = (chunk: Buffer, start: number, end: number, offset: number) => void;

/** Bytes read at a time; a longer line grows the buffer up to the line limit. */
const CHUNK_BYTES = 1 << 20;

/**
 * Reads a file from `from` by 1 MiB chunks and calls `visit` for every line (the last one even
 * without a final newline), in constant memory. A line longer than `maxLineBytes` is not visited
 * but reported through `onLongLine(offset)`. Returns the offset where the file ended. Throws fs
 * errors.
 */
export function forEachLine(
  fd: number,
  visit: LineVisitor,
  maxLineBytes: number,
  onLongLine: (offset: number) => void = () => undefined,
  from = 0,
): number {
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let filled = 0;
  let bufferOffset = from;
  let skipping = false;
  const emit = (start: number, end: number): void => {
    if (end - start > maxLineBytes) onLongLine(bufferOffset + start);
    else visit(buffer, start, end, bufferOffset + start);
  };
  for (;;) {
    const read = fs.readSync(fd, buffer, filled, buffer.length - filled, bufferOffset + filled);
    const end = filled + read;
    let start = 0;
    // The carried-over part holds no newline: search the new bytes only.
    for (let newline = buffer.indexOf(10, filled); newline >= 0 && newline < end;) {
      if (skipping) skipping = false;
      else emit(start, newline);
      start = newline + 1;
      newline = buffer.indexOf(10, start);
    }
    if (read === 0) {
      if (start < end && !skipping) emit(start, end);
      return bufferOffset + end;
    }
    if (start === 0 && end === buffer.length) {
      if (buffer.length > maxLineBytes) {
        // No newline in a buffer longer than any allowed line: skip to the next newline.
        if (!skipping) onLongLine(bufferOffset);
        skipping = true;
        bufferOffset += end;
        filled = 0;
        continue;
      }
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxLineBytes + 1));
      buffer.copy(grown, 0, 0, end);
      buffer = grown;
      filled = end;
      continue;
    }
    buffer.copy(buffer, 0, start, end);
    bufferOffset += start;
    filled = end - start;
  }
}
