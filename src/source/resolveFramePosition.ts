import { diag } from '@opentelemetry/api';
import type { GeneratedPosition, SourceContext } from '../errorinfo/ErrorInfo.ts';
import { readSourceContext } from './readSourceContext.ts';
import { SourceFileCache } from './SourceFileCache.ts';
import { SourceMapResolver } from './SourceMapResolver.ts';
import type { EnclosingPosition, OriginalPosition } from './SourceMapResolver.ts';

/** A frame's position as V8 reports it (CallSite numbers: 1-based, generated code). */
export interface FramePosition {
  /** Absolute path, `file://` URL, or anything else V8 prints (`node:fs`, `<anonymous>`), or `null`. */
  file: string | null;
  /** 1-based line, or `null`. */
  line: number | null;
  /** 1-based column, or `null`. */
  column: number | null;
  /** Function name as V8 reports it, or `null`. */
  function: string | null;
  /** 1-based line where the function starts (`CallSite.getEnclosingLineNumber()`), if known. */
  enclosingLine?: number | null;
  /** 1-based column where the function starts (`CallSite.getEnclosingColumnNumber()`), if known. */
  enclosingColumn?: number | null;
}

/** A frame's position after source mapping, with the source lines around it. */
export interface ResolvedFramePosition {
  /** Original file (absolute path or non-file URL) when mapped, else the input file unchanged. */
  file: string | null;
  /** Original 1-based line when mapped, else the input line. */
  line: number | null;
  /** Original 1-based column when mapped, else the input column. */
  column: number | null;
  /** Original name of the function when the map names it, else the input name. */
  function: string | null;
  /** The input position when a source map moved the frame, else `null`. */
  generated: GeneratedPosition | null;
  /** Lines around the (mapped) position, from `sourcesContent` or the file; `null` when unreadable. */
  source: SourceContext | null;
}

/** Options of `resolveFramePosition`. */
export interface ResolveFramePositionOptions {
  /** Source map resolver. Default: one module-level resolver sharing the module-level file cache. */
  resolver?: SourceMapResolver;
  /** Where unmapped frames' files are read. Default: the module-level `SourceFileCache`. */
  fileCache?: SourceFileCache;
  /** Lines kept before and after the current line. Default 7. */
  contextLines?: number;
  /** Characters kept of a long line. Default 200. */
  maxLineLength?: number;
}

const defaultFileCache = new SourceFileCache();
const defaultResolver = new SourceMapResolver({ fileCache: defaultFileCache });

/**
 * Maps one frame through source maps and reads its source context, synchronously (this runs on
 * the crash path) and without throwing: on any failure the input comes back unchanged.
 */
export function resolveFramePosition(
  frame: FramePosition,
  options: ResolveFramePositionOptions = {},
): ResolvedFramePosition {
  const unchanged: ResolvedFramePosition = {
    file: frame.file,
    line: frame.line,
    column: frame.column,
    function: frame.function,
    generated: null,
    source: null,
  };
  if (frame.file === null || frame.line === null) return unchanged;
  const contextOptions = {
    contextLines: options.contextLines,
    maxLineLength: options.maxLineLength,
  };
  try {
    const resolver = options.resolver ?? defaultResolver;
    const enclosing =
      frame.enclosingLine != null && frame.enclosingColumn != null
        ? { line: frame.enclosingLine, column: frame.enclosingColumn }
        : null;
    const original =
      frame.column === null
        ? null
        : resolver.resolve(frame.file, frame.line, frame.column, enclosing);
    if (original === null) {
      const lines = (options.fileCache ?? defaultFileCache).getLines(frame.file);
      const source =
        lines === null
          ? null
          : readSourceContext(lines, frame.line, { ...contextOptions, column: frame.column });
      return { ...unchanged, source };
    }
    const source =
      original.lines === null
        ? null
        : readSourceContext(original.lines, original.line, {
            ...contextOptions,
            column: original.column,
          });
    return {
      file: original.file,
      line: original.line,
      column: original.column,
      function: original.name ?? frame.function,
      generated: {
        file: frame.file,
        line: frame.line,
        column: frame.column,
        function: frame.function,
      },
      source,
    };
  } catch (error) {
    diag.debug(`resolveFramePosition: ${frame.file}:${frame.line}: ${String(error)}`);
    return unchanged;
  }
}

/**
 * The original position of generated `file`:`line`:`column` through the module-level resolver, or `null`
 * when it does not map: the per-frame primitive under `resolveFramePosition`, for callers that decide
 * about source context themselves. Never throws.
 */
export function originalPosition(
  file: string,
  line: number,
  column: number,
  enclosing: EnclosingPosition | null,
): OriginalPosition | null {
  return defaultResolver.resolve(file, line, column, enclosing);
}

/** The lines of a file through the module-level cache (read once), or `null` when unreadable. */
export function sourceLinesOf(file: string): readonly string[] | null {
  return defaultFileCache.getLines(file);
}

/** Empties the module-level caches. Exported only for tests. */
export function resetSourceCaches(): void {
  defaultFileCache.clear();
  defaultResolver.clear();
}
