import fs from 'node:fs';
import { forEachLine, type LineVisitor } from '../../store/forEachLine.ts';
import { MAX_INDEX_LINE } from '../../store/indexFile.ts';

/** The lines of an index: a file read by windows, or a buffer (an index that could not be saved). */
export interface LineSource {
  /** Calls `visit` for every line, in order. */
  forEachLine(visit: LineVisitor): void;
  /** The text of the line at `offset` (as given to `visit`) of `length` bytes. */
  line(offset: number, length: number): string;
  /** The texts of many lines at once (in the order asked), read with as few reads as possible. */
  lines(offsets: Float64Array, lengths: Uint32Array): string[];
  /** Size in bytes (to pre-size the scan). */
  readonly size: number;
  /** Releases the file. */
  close(): void;
}

/** Lines closer than this are fetched by one read (the gap is read and dropped). */
const MAX_GAP_BYTES = 16 * 1024;
/** Largest single read when fetching lines. */
const MAX_READ_BYTES = 1024 * 1024;

/**
 * An index file. `lines()` sorts the requested lines by offset and reads runs of nearby lines
 * with one `read` each: rows newest first mostly walk the file backwards (writers append in time
 * order), so a batch of thousands of rows costs a few large reads; scattered rows cost one small
 * read each.
 */
export class FileLineSource implements LineSource {
  /** See `LineSource`. */
  readonly size: number;
  private readonly _fd: number;
  private _buffer = Buffer.allocUnsafe(64 * 1024);

  /** Takes ownership of `fd`. */
  constructor(fd: number) {
    this._fd = fd;
    this.size = fs.fstatSync(fd).size;
  }

  /** See `LineSource`. */
  forEachLine(visit: LineVisitor): void {
    forEachLine(this._fd, visit, MAX_INDEX_LINE, () => undefined);
  }

  /** See `LineSource`. */
  line(offset: number, length: number): string {
    const buffer = Buffer.allocUnsafe(length);
    const read = fs.readSync(this._fd, buffer, 0, length, offset);
    return buffer.toString('utf8', 0, read);
  }

  /** See `LineSource`. */
  lines(offsets: Float64Array, lengths: Uint32Array): string[] {
    const order = Uint32Array.from(offsets.keys()).sort((a, b) => offsets[a]! - offsets[b]!);
    const texts = new Array<string>(offsets.length);
    for (let first = 0; first < order.length;) {
      const start = offsets[order[first]!]!;
      let end = start + lengths[order[first]!]!;
      let last = first + 1;
      while (last < order.length) {
        const next = order[last]!;
        const nextEnd = offsets[next]! + lengths[next]!;
        if (offsets[next]! - end > MAX_GAP_BYTES || nextEnd - start > MAX_READ_BYTES) break;
        end = Math.max(end, nextEnd);
        last++;
      }
      if (this._buffer.length < end - start) this._buffer = Buffer.allocUnsafe(end - start);
      const buffer = this._buffer;
      fs.readSync(this._fd, buffer, 0, end - start, start);
      for (let k = first; k < last; k++) {
        const i = order[k]!;
        const from = offsets[i]! - start;
        texts[i] = buffer.toString('utf8', from, from + lengths[i]!);
      }
      first = last;
    }
    return texts;
  }

  /** See `LineSource`. */
  close(): void {
    fs.closeSync(this._fd);
  }
}

/** An index held in memory. */
export class BufferLineSource implements LineSource {
  /** See `LineSource`. */
  readonly size: number;
  private readonly _buffer: Buffer;

  /** `buffer` holds the whole index text. */
  constructor(buffer: Buffer) {
    this._buffer = buffer;
    this.size = buffer.length;
  }

  /** See `LineSource`. */
  forEachLine(visit: LineVisitor): void {
    for (let start = 0; start < this._buffer.length;) {
      let end = this._buffer.indexOf(10, start);
      if (end < 0) end = this._buffer.length;
      visit(this._buffer, start, end, start);
      start = end + 1;
    }
  }

  /** See `LineSource`. */
  line(offset: number, length: number): string {
    return this._buffer.toString('utf8', offset, offset + length);
  }

  /** See `LineSource`. */
  lines(offsets: Float64Array, lengths: Uint32Array): string[] {
    return Array.from(offsets, (offset, i) => this.line(offset, lengths[i]!));
  }

  /** See `LineSource`. */
  close(): void {
    // Nothing to release.
  }
}
