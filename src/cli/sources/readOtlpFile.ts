import fs from 'node:fs';
import { zstdDecompressSync } from 'node:zlib';
import { forEachLine } from '../../store/forEachLine.ts';
import {
  codeOf,
  gunzipLimited,
  openRegularFileSync,
  UnreadableFileError,
} from '../../store/readReportText.ts';
import { type OtlpOccurrence, otlpOccurrences } from './OtlpOccurrence.ts';
import { ZSTD_MAGIC, zstdFrames } from './zstdFrames.ts';

/** Size limits of one OTLP file. */
export interface OtlpLimits {
  /** Largest file, and largest decompressed content. */
  maxBytes: number;
  /** Largest line (one export request). */
  maxLineBytes: number;
}

/** What reading an OTLP file met besides exceptions. */
export interface OtlpReadReport {
  /** Lines (requests) read. */
  lines: number;
  /** Lines that were not JSON objects. */
  badLines: number;
  /** 1-based number of the first bad line and its problem, or `null`. */
  firstBad: { line: number; reason: string } | null;
}

/**
 * Reads an OTLP JSON file as the Collector's file exporter writes it: one request per line, plain
 * (read in constant memory), gzip (rotated by logrotate), a zstd stream (native compression) or
 * length-prefixed zstd messages (legacy compression); calls `visit` for every exception found.
 * A bad line is counted, not fatal. Throws `UnreadableFileError` for the file as a whole.
 */
export function readOtlpFile(
  filePath: string,
  limits: OtlpLimits,
  visit: (occurrence: OtlpOccurrence) => void,
): OtlpReadReport {
  const report: OtlpReadReport = { lines: 0, badLines: 0, firstBad: null };
  const onLine = (text: string): void => {
    if (text.trim() === '') return;
    report.lines++;
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch (error) {
      bad(report, error instanceof Error ? error.message : String(error));
      return;
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      bad(report, 'not a JSON object');
      return;
    }
    for (const occurrence of otlpOccurrences(request)) visit(occurrence);
  };
  const { fd, size } = openRegularFileSync(filePath, limits.maxBytes);
  try {
    const head = Buffer.alloc(8);
    const headLength = fs.readSync(fd, head, 0, 8, 0);
    if (headLength >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      splitLines(gunzipLimited(readAll(fd, size), limits.maxBytes), onLine, report, limits);
    } else if (headLength >= 4 && head.readUInt32LE(0) === ZSTD_MAGIC) {
      splitLines(unzstd(zstdFrames(readAll(fd, size)), limits.maxBytes), onLine, report, limits);
    } else if (headLength >= 8 && head.readUInt32LE(4) === ZSTD_MAGIC) {
      for (const message of lengthPrefixed(readAll(fd, size))) {
        onLine(unzstd(zstdFrames(message), limits.maxLineBytes).toString('utf8'));
      }
    } else if (headLength === 0 || /^\s*[{[]/.test(head.toString('latin1', 0, headLength))) {
      forEachLine(
        fd,
        (chunk, start, end) => onLine(chunk.toString('utf8', start, end)),
        limits.maxLineBytes,
        () => tooLong(report, limits),
      );
    } else {
      throw new UnreadableFileError('is not OTLP JSON (neither JSON lines nor gzip/zstd)');
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`cannot be read (${codeOf(error)})`, { cause: error });
  } finally {
    fs.closeSync(fd);
  }
  return report;
}

function bad(report: OtlpReadReport, reason: string): void {
  report.badLines++;
  report.firstBad ??= { line: report.lines, reason };
}

function tooLong(report: OtlpReadReport, limits: OtlpLimits): void {
  report.lines++;
  bad(report, `line longer than ${limits.maxLineBytes} bytes`);
}

function splitLines(
  data: Buffer,
  onLine: (text: string) => void,
  report: OtlpReadReport,
  limits: OtlpLimits,
): void {
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(10, start);
    if (end < 0) end = data.length;
    if (end - start > limits.maxLineBytes)
      bad(report, `line longer than ${limits.maxLineBytes} bytes`);
    else onLine(data.toString('utf8', start, end));
    start = end + 1;
  }
}

function readAll(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  for (let read = -1; read !== 0 && length < size; length += read) {
    read = fs.readSync(fd, buffer, length, size - length, length);
  }
  return buffer.subarray(0, length);
}

function unzstd(frames: Uint8Array[], maxBytes: number): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  for (const frame of frames) {
    try {
      const part = zstdDecompressSync(frame, { maxOutputLength: Math.max(1, maxBytes - total) });
      parts.push(part);
      total += part.length;
    } catch (error) {
      if (codeOf(error) === 'ERR_BUFFER_TOO_LARGE') {
        throw new UnreadableFileError(`decompresses to more than ${maxBytes} bytes`, {
          cause: error,
        });
      }
      throw new UnreadableFileError(`is corrupt zstd data (${codeOf(error)})`, { cause: error });
    }
  }
  return Buffer.concat(parts, total);
}

function* lengthPrefixed(data: Buffer): Generator<Buffer> {
  for (let at = 0; at < data.length;) {
    if (at + 4 > data.length)
      throw new UnreadableFileError('is truncated (length-prefixed messages)');
    const length = data.readUInt32BE(at);
    if (at + 4 + length > data.length)
      throw new UnreadableFileError('is truncated (length-prefixed messages)');
    yield data.subarray(at + 4, at + 4 + length);
    at += 4 + length;
  }
}
