import { diag } from '@opentelemetry/api';
import { toFilePath } from '../stack/filePath.ts';
import { LruCache } from './LruCache.ts';
import { readFileLimited } from './readFileLimited.ts';
import type { FileReader } from './readFileLimited.ts';

/** Options of a `SourceFileCache`. */
export interface SourceFileCacheOptions {
  /** Most files (and remembered failures) kept. Default 100. */
  maxFiles?: number;
  /** Files larger than this many bytes are not read (`null`). Default 5 MiB. */
  maxFileBytes?: number;
  /** Most characters kept over all files; least recently used files go first. Default 64 Mi. */
  maxTotalChars?: number;
  /** How a file is read; injectable for tests. Default `readFileLimited` (synchronous). */
  readFile?: FileReader;
}

const defaults: Required<SourceFileCacheOptions> = {
  maxFiles: 100,
  maxFileBytes: 5 * 1024 * 1024,
  maxTotalChars: 64 * 1024 * 1024,
  readFile: readFileLimited,
};

// A NUL byte this early means a binary file (the heuristic git and grep use).
const binaryProbeBytes = 8192;
// V8 and tsc both count U+2028/U+2029 as line terminators, so positions only line up if we do too.
const lineBreak = /\r\n|[\n\r\u2028\u2029]/;

interface Entry {
  lines: readonly string[];
  chars: number;
}

/**
 * Source files kept as lines, each read at most once (synchronously: this runs on the crash path).
 * Missing, unreadable, oversized and binary files give `null`, one `diag.debug` line, and the
 * failure is remembered like a hit. Bounded by file count and by total characters.
 */
export class SourceFileCache {
  private readonly _maxFileBytes: number;
  private readonly _readFile: FileReader;
  private readonly _entries: LruCache<string, Entry | null>;

  constructor(options: SourceFileCacheOptions = {}) {
    this._maxFileBytes = options.maxFileBytes ?? defaults.maxFileBytes;
    this._readFile = options.readFile ?? defaults.readFile;
    this._entries = new LruCache<string, Entry | null>({
      maxEntries: options.maxFiles ?? defaults.maxFiles,
      maxWeight: options.maxTotalChars ?? defaults.maxTotalChars,
      weigh: entry => entry?.chars ?? 0,
    });
  }

  /** Lines of the file at `file` (an absolute path or a `file://` URL), or `null` when unreadable. */
  getLines(file: string): readonly string[] | null {
    const path = toFilePath(file);
    if (path === null) return null;
    const cached = this._entries.get(path);
    if (cached !== undefined) return cached?.lines ?? null;
    const entry = this._load(path);
    this._entries.set(path, entry);
    return entry?.lines ?? null;
  }

  /** Stores `text` (e.g. a source map's `sourcesContent`) as lines under `key`, and returns them. */
  put(key: string, text: string): readonly string[] {
    const entry = { lines: splitLines(text), chars: text.length };
    this._entries.set(key, entry);
    return entry.lines;
  }

  /** Lines held under `key` without reading anything: `undefined` when not held, `null` for a remembered failure. */
  peek(key: string): readonly string[] | null | undefined {
    const cached = this._entries.get(key);
    return cached === undefined ? undefined : (cached?.lines ?? null);
  }

  /** Forgets every file and failure. */
  clear(): void {
    this._entries.clear();
  }

  private _load(path: string): Entry | null {
    let buffer: Buffer | null;
    try {
      buffer = this._readFile(path, this._maxFileBytes);
    } catch (error) {
      diag.debug(`SourceFileCache: cannot read ${path}: ${describe(error)}`);
      return null;
    }
    if (buffer === null) {
      diag.debug(
        `SourceFileCache: skipped ${path}: not a regular file or over ${this._maxFileBytes} bytes`,
      );
      return null;
    }
    if (buffer.subarray(0, binaryProbeBytes).includes(0)) {
      diag.debug(`SourceFileCache: skipped ${path}: binary content`);
      return null;
    }
    const text = buffer.toString('utf8');
    return { lines: splitLines(text), chars: text.length };
  }
}

/** Splits text into lines without terminators; a BOM and one final line terminator are dropped. */
function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(lineBreak);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function describe(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
