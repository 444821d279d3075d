import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ReportCompression } from './storeLayout.ts';

/** A file that cannot be read as a report; `reason` is one short line naming the problem. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  /** The problem alone, e.g. `is a symbolic link (not followed)`. */
  readonly reason: string;
  /** True when the file does not exist (anymore). */
  readonly missing: boolean;

  /** `reason` says what is wrong with the file. */
  constructor(reason: string, options?: { cause?: unknown; missing?: boolean }) {
    super(reason, options);
    this.reason = reason;
    this.missing = options?.missing ?? false;
  }
}

const OPEN_FLAGS =
  fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Opens a regular file for reading: a symbolic link is not followed, a FIFO or device is refused
 * (O_NONBLOCK keeps a FIFO from blocking the open), a file larger than `maxBytes` is refused.
 * Returns the descriptor (the caller closes it) and the size. Throws only `UnreadableFileError`.
 */
export function openRegularFileSync(
  filePath: string,
  maxBytes: number,
): { fd: number; size: number } {
  let fd: number;
  try {
    fd = fs.openSync(filePath, OPEN_FLAGS);
  } catch (error) {
    const missing = codeOf(error) === 'ENOENT';
    throw new UnreadableFileError(describeOpenError(error), { cause: error, missing });
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw new UnreadableFileError('is not a regular file');
    if (stats.size > maxBytes) throw tooLarge(stats.size, maxBytes);
    return { fd, size: stats.size };
  } catch (error) {
    fs.closeSync(fd);
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`cannot be read (${codeOf(error)})`, { cause: error });
  }
}

/** The bytes of a regular file, at most `maxBytes` (see `openRegularFileSync`). Throws only `UnreadableFileError`. */
export function readRegularFileSync(filePath: string, maxBytes: number): Buffer {
  const { fd, size } = openRegularFileSync(filePath, maxBytes);
  try {
    const buffer = Buffer.allocUnsafe(Math.min(size + 1, maxBytes + 1));
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = fs.readSync(fd, buffer, length, buffer.length - length, length);
    }
    if (length > maxBytes) throw tooLarge(length, maxBytes);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`cannot be read (${codeOf(error)})`, { cause: error });
  } finally {
    fs.closeSync(fd);
  }
}

/** The text of a report file's bytes: decompressed (at most `maxBytes`) and strict UTF-8. Throws only `UnreadableFileError`. */
export function reportText(
  bytes: Uint8Array,
  compression: ReportCompression | null,
  maxBytes: number,
): string {
  let raw: Uint8Array = bytes;
  if (compression === 'bz2' || compression === 'xz') {
    throw new UnreadableFileError(
      `${compression} compression is not supported (decompress it first)`,
    );
  }
  if (compression === 'gz') raw = gunzipLimited(bytes, maxBytes);
  try {
    const text = utf8.decode(raw);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch (error) {
    throw new UnreadableFileError('is not valid UTF-8', { cause: error });
  }
}

/** gunzip that stops at `maxBytes` of output (a gzip bomb costs at most that). Throws only `UnreadableFileError`. */
export function gunzipLimited(bytes: Uint8Array, maxBytes: number): Buffer {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new UnreadableFileError('is not gzip data (bad magic number)');
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new UnreadableFileError(`decompresses to more than ${maxBytes} bytes`, {
        cause: error,
      });
    }
    throw new UnreadableFileError(`is corrupt gzip data (${codeOf(error)})`, { cause: error });
  }
}

function tooLarge(size: number, maxBytes: number): UnreadableFileError {
  return new UnreadableFileError(`is too large (${size} bytes; the limit is ${maxBytes})`);
}

function describeOpenError(error: unknown): string {
  switch (codeOf(error)) {
    case 'ELOOP':
    case 'EMLINK':
      return 'is a symbolic link (not followed)';
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'is not readable (permission denied)';
    case 'EISDIR':
      return 'is not a regular file';
    default:
      return `cannot be opened (${codeOf(error)})`;
  }
}

/** The `code` of a Node fs/zlib error, else its message. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
