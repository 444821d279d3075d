import { findSourceMap as nodeFindSourceMap } from 'node:module';
import type { SourceMap } from 'node:module';
import { diag } from '@opentelemetry/api';
import { toFilePath } from '../stack/filePath.ts';
import { LruCache } from './LruCache.ts';
import { loadSourceMap } from './loadSourceMap.ts';
import type { LoadedSource, LoadedSourceMap } from './loadSourceMap.ts';
import { readFileLimited } from './readFileLimited.ts';
import type { FileReader } from './readFileLimited.ts';
import { SourceFileCache } from './SourceFileCache.ts';

/** A position in an original (pre-compilation) source. */
export interface OriginalPosition {
  /** Absolute path of the original file, or its URL as written when not a `file:` URL (`webpack://…`). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Original name of the enclosing function, from the map's `names`, when the caller gave its start. */
  name: string | null;
  /** The original source's lines (`sourcesContent`, else the file itself), or `null` when unavailable. */
  lines: readonly string[] | null;
}

/** Where a function starts in the generated file (V8's `getEnclosingLineNumber/ColumnNumber`), 1-based. */
export interface EnclosingPosition {
  line: number;
  column: number;
}

/** Options of a `SourceMapResolver`; the cost notes are measured on Node 24. */
export interface SourceMapResolverOptions {
  /** Where generated files, original files and `sourcesContent` are kept as lines. Default: a new `SourceFileCache`. */
  fileCache?: SourceFileCache;
  /** How map files are read. Default `readFileLimited`. */
  readFile?: FileReader;
  /** Maps Node already decoded (`--enable-source-maps`); `null` to ignore them. Default `module.findSourceMap`. */
  findSourceMap?: ((path: string) => SourceMap | undefined) | null;
  /** Generated files whose map (or lack of one) is remembered. Default 100. */
  maxFiles?: number;
  /** Map files (and `data:` URLs) larger than this many bytes are skipped. Default 16 MiB. */
  maxMapBytes?: number;
  /**
   * Estimated heap kept by decoded maps (~21 bytes per `mappings` character; decoding costs
   * ~40 ms per MB of `mappings`). The most recent map is kept even above it. Default 128 MiB.
   */
  maxMapHeapBytes?: number;
}

const defaults = {
  readFile: readFileLimited,
  findSourceMap: nodeFindSourceMap,
  maxFiles: 100,
  maxMapBytes: 16 * 1024 * 1024,
  maxMapHeapBytes: 128 * 1024 * 1024,
};

// V8 starts a function declaration at `function`/`async`, while minifiers name its identifier.
const declarationHead = /^(?:async\s+)?function\s*\*?\s*/;

/**
 * Maps positions in generated JavaScript (absolute path or `file://` URL, 1-based line/column as V8
 * CallSites give them) to original TypeScript positions, synchronously and without throwing.
 *
 * Maps come from `module.findSourceMap` (when Node loaded the file with source maps enabled), else
 * from the file's last `sourceMappingURL` comment (a `data:` URL or a file). A position maps only
 * when the map has a segment on the same generated line at or before the column; the original
 * column is that segment's, as Node's own `--enable-source-maps` output prints it. (`findOrigin` is
 * not used: it extrapolates from the nearest segment on ANY earlier line, giving positions past
 * the end of the file or negative columns.)
 *
 * Double mapping: under `--enable-source-maps` Node rewrites the `.stack` TEXT to original
 * positions while CallSites keep generated ones. Pass CallSite positions when you have them; a
 * position parsed from rewritten text points at the `.ts` file, which has no map of its own, so it
 * comes back `null` (unchanged) instead of being mapped twice.
 */
export class SourceMapResolver {
  private readonly _fileCache: SourceFileCache;
  private readonly _readFile: FileReader;
  private readonly _findSourceMap: SourceMapResolverOptions['findSourceMap'];
  private readonly _maxMapBytes: number;
  private readonly _maps: LruCache<string, LoadedSourceMap | null>;

  constructor(options: SourceMapResolverOptions = {}) {
    this._fileCache = options.fileCache ?? new SourceFileCache();
    this._readFile = options.readFile ?? defaults.readFile;
    this._findSourceMap =
      options.findSourceMap === undefined ? defaults.findSourceMap : options.findSourceMap;
    this._maxMapBytes = options.maxMapBytes ?? defaults.maxMapBytes;
    this._maps = new LruCache<string, LoadedSourceMap | null>({
      maxEntries: options.maxFiles ?? defaults.maxFiles,
      maxWeight: options.maxMapHeapBytes ?? defaults.maxMapHeapBytes,
      weigh: loaded => loaded?.weight ?? 0,
    });
  }

  /** The original position of `line`:`column` in generated `file`, or `null` when it does not map. */
  resolve(
    file: string,
    line: number,
    column: number,
    enclosing: EnclosingPosition | null = null,
  ): OriginalPosition | null {
    try {
      if (!isPosition(line, column)) return null;
      const path = toFilePath(file);
      const loaded = path === null ? null : this._mapOf(path);
      if (path === null || loaded === null) return null;
      const entry = entryOnLine(loaded.map, line, column);
      const source = entry === null ? undefined : loaded.sources.get(entry.originalSource);
      if (entry === null || source === undefined) return null;
      const lines = this._linesOf(source);
      if (lines !== null && entry.originalLine >= lines.length) {
        // The map disagrees with its source (stale or hand-edited): distrust all of it, once.
        diag.debug(`SourceMapResolver: ${path} maps past the end of ${source.file}; map ignored`);
        this._maps.set(path, null);
        return null;
      }
      const name = enclosing === null ? null : this._enclosingName(path, loaded, enclosing);
      const mapped = { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
      return { file: source.file, ...mapped, name, lines };
    } catch (error) {
      diag.debug(`SourceMapResolver: cannot map ${file}:${line}:${column}: ${String(error)}`);
      return null;
    }
  }

  /** Forgets every map (and every remembered lack of one). */
  clear(): void {
    this._maps.clear();
  }

  private _mapOf(path: string): LoadedSourceMap | null {
    const cached = this._maps.get(path);
    if (cached !== undefined) return cached;
    let loaded: LoadedSourceMap | null = null;
    try {
      loaded = loadSourceMap(path, {
        fileCache: this._fileCache,
        readFile: this._readFile,
        findSourceMap: this._findSourceMap ?? null,
        maxMapBytes: this._maxMapBytes,
      });
    } catch (error) {
      diag.debug(`SourceMapResolver: cannot load the map of ${path}: ${String(error)}`);
    }
    this._maps.set(path, loaded);
    return loaded;
  }

  private _linesOf(source: LoadedSource): readonly string[] | null {
    if (source.content !== null) {
      return (
        this._fileCache.peek(source.contentKey) ??
        this._fileCache.put(source.contentKey, source.content)
      );
    }
    return this._fileCache.getLines(source.file);
  }

  // The map's name at the CALL position is the callee's identifier, so only the function's own
  // start position can name it.
  private _enclosingName(
    path: string,
    loaded: LoadedSourceMap,
    at: EnclosingPosition,
  ): string | null {
    if (!loaded.hasNames || !isPosition(at.line, at.column)) return null;
    const direct = nameAt(loaded.map, at.line, at.column);
    if (direct !== null) return direct;
    const text = this._fileCache.getLines(path)?.[at.line - 1];
    const head = text === undefined ? null : declarationHead.exec(text.slice(at.column - 1));
    return head === null ? null : nameAt(loaded.map, at.line, at.column + head[0].length);
  }
}

interface Entry {
  generatedLine: number;
  generatedColumn: number;
  originalSource: string;
  originalLine: number;
  originalColumn: number;
  name?: unknown;
}

/** `findEntry` returns the nearest segment at or before the position, even on an earlier line. */
function entryOnLine(map: SourceMap, line: number, column: number): Entry | null {
  const entry = map.findEntry(line - 1, column - 1) as Partial<Entry>;
  if (entry.generatedLine !== line - 1 || typeof entry.originalSource !== 'string') return null;
  return entry as Entry;
}

function nameAt(map: SourceMap, line: number, column: number): string | null {
  const entry = entryOnLine(map, line, column);
  if (entry?.generatedColumn !== column - 1) return null;
  return typeof entry.name === 'string' && entry.name !== '' ? entry.name : null;
}

function isPosition(line: number, column: number): boolean {
  return Number.isInteger(line) && Number.isInteger(column) && line >= 1 && column >= 1;
}
