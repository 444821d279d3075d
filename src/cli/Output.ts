import fs from 'node:fs';
import { sleepSync } from '../store/FileLock.ts';

/** The reader of our output went away (`err list | head -1`): stop quietly. */
export class OutputClosedError extends Error {
  override readonly name = 'OutputClosedError';
}

/** Size of the output buffer. */
const BUFFER_BYTES = 64 * 1024;

/**
 * Buffered synchronous output to a file descriptor, through one reused buffer (a listing of
 * 100,000 rows allocates no output buffers). Synchronous writes make a closed pipe (EPIPE)
 * visible at once, so a long listing stops instead of formatting rows nobody reads; a full
 * non-blocking pipe (EAGAIN) is waited for.
 */
export class Output {
  private readonly _fd: number;
  private readonly _buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private _used = 0;

  /** `fd`: 1 for stdout, 2 for stderr. */
  constructor(fd: number) {
    this._fd = fd;
  }

  /** Adds text; writes when the buffer is full. Throws `OutputClosedError`. */
  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this._used + text.length * 3 > BUFFER_BYTES) {
      this.flush();
      if (text.length * 3 > BUFFER_BYTES) {
        this._writeAll(Buffer.from(text));
        return;
      }
    }
    this._used += this._buffer.write(text, this._used);
  }

  /** Writes what has gathered. Throws `OutputClosedError` when the reader is gone. */
  flush(): void {
    if (this._used === 0) return;
    const used = this._used;
    this._used = 0;
    this._writeAll(this._buffer.subarray(0, used));
  }

  private _writeAll(data: Uint8Array): void {
    for (let offset = 0; offset < data.length;) {
      try {
        offset += fs.writeSync(this._fd, data, offset, data.length - offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          sleepSync(1);
          continue;
        }
        if (code === 'EPIPE' || code === 'EBADF' || code === 'ECONNRESET') {
          throw new OutputClosedError();
        }
        throw error;
      }
    }
  }
}
