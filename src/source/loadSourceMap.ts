import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diag } from '@opentelemetry/api';
import type { FileReader } from './readFileLimited.ts';
import type { SourceFileCache } from './SourceFileCache.ts';
import { decodeDataUrl, findSourceMappingUrl } from './sourceMappingUrl.ts';

/** One original source of a loaded map. */
export interface LoadedSource {
  /** Absolute path of the original file, or its URL as written when it is not a `file:` URL. */
  file: string;
  /** The map's `sourcesContent` entry, or `null`. */
  content: string | null;
  /** Key under which `content` is kept as lines in the `SourceFileCache` (never a real path). */
  contentKey: string;
}

/** A decoded source map and its resolved sources. */
export interface LoadedSourceMap {
  /** Node's decoder. */
  map: SourceMap;
  /** Sources by the `originalSource` string that `map.findEntry` returns. */
  sources: ReadonlyMap<string, LoadedSource>;
  /** Whether the map has a `names` table (minifiers fill it; tsc leaves it empty). */
  hasNames: boolean;
  /** Estimated heap bytes this map holds on our behalf (0 for the decoding when Node owns it). */
  weight: number;
}

/** What `loadSourceMap` needs. */
export interface SourceMapLoadOptions {
  /** Reads the generated file's lines (to find its `sourceMappingURL` comment). */
  fileCache: SourceFileCache;
  /** Reads a map file. */
  readFile: FileReader;
  /** Node's own maps (`module.findSourceMap`), or `null` to skip them. */
  findSourceMap: ((path: string) => SourceMap | undefined) | null;
  /** Map files and `data:` URLs larger than this are skipped. */
  maxMapBytes: number;
}

// Measured on Node 24: a decoded SourceMap holds ~21 bytes of heap per character of `mappings`.
const heapBytesPerMappingChar = 21;
const absoluteUrl = /^[a-z][a-z\d+.-]+:/i;
// Map files may start with this line to defeat cross-site script inclusion (ECMA-426).
const xssiPrefix = ")]}'";

/**
 * The source map of the generated file at absolute `path`: Node's (`findSourceMap`, present when
 * Node loaded the file with source maps enabled), else the one its last `sourceMappingURL`
 * comment points at. `null`, with one `diag.debug` line, when there is none or it is unusable.
 */
export function loadSourceMap(path: string, options: SourceMapLoadOptions): LoadedSourceMap | null {
  const generatedUrl = pathToFileURL(path).href;
  const owned = fromNode(path, generatedUrl, options.findSourceMap);
  if (owned !== null) return build(owned, owned.payload, generatedUrl, true);
  const lines = options.fileCache.getLines(path);
  const reference = lines === null ? null : findSourceMappingUrl(lines);
  if (reference === null) return null;
  const found = readReference(reference, generatedUrl, options);
  if (found === null) return null;
  const payload = parsePayload(found.text, path);
  return payload === null ? null : build(new SourceMap(payload), payload, found.url, false);
}

function fromNode(
  path: string,
  url: string,
  findSourceMap: SourceMapLoadOptions['findSourceMap'],
): SourceMap | null {
  if (findSourceMap === null) return null;
  // CommonJS modules are registered under their path, ES modules under their URL.
  return findSourceMap(path) ?? findSourceMap(url) ?? null;
}

function readReference(
  reference: string,
  generatedUrl: string,
  options: SourceMapLoadOptions,
): { text: string; url: string } | null {
  if (reference.startsWith('data:')) {
    const text = reference.length > options.maxMapBytes ? null : decodeDataUrl(reference);
    if (text === null) diag.debug(`SourceMapResolver: unusable data: URL map in ${generatedUrl}`);
    return text === null ? null : { text, url: generatedUrl };
  }
  const url = new URL(reference, generatedUrl);
  if (url.protocol !== 'file:') {
    diag.debug(`SourceMapResolver: not fetching remote map ${url.href} of ${generatedUrl}`);
    return null;
  }
  let buffer: Buffer | null;
  try {
    buffer = options.readFile(fileURLToPath(url), options.maxMapBytes);
  } catch (error) {
    diag.debug(`SourceMapResolver: cannot read map ${url.href}: ${String(error)}`);
    return null;
  }
  if (buffer === null) diag.debug(`SourceMapResolver: skipped map ${url.href}: over size cap`);
  return buffer === null ? null : { text: buffer.toString('utf8'), url: url.href };
}

function parsePayload(text: string, path: string): SourceMap['payload'] | null {
  const json = text.startsWith(xssiPrefix) ? text.slice(text.indexOf('\n') + 1) : text;
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    diag.debug(`SourceMapResolver: map of ${path} is not JSON`);
    return null;
  }
  const candidate = payload as Partial<SourceMap['payload']> | null;
  // Node's decoder accepts any version and crashes on missing fields, so check them here.
  if (
    candidate?.version !== 3 ||
    typeof candidate.mappings !== 'string' ||
    !Array.isArray(candidate.sources)
  ) {
    diag.debug(`SourceMapResolver: map of ${path} is not a version 3 map with mappings`);
    return null;
  }
  return candidate as SourceMap['payload'];
}

function build(
  map: SourceMap,
  payload: SourceMap['payload'],
  mapUrl: string,
  ownedByNode: boolean,
): LoadedSourceMap {
  const sourceRoot = typeof payload.sourceRoot === 'string' ? payload.sourceRoot : '';
  const contents: unknown[] = Array.isArray(payload.sourcesContent) ? payload.sourcesContent : [];
  const sources = new Map<string, LoadedSource>();
  let weight = ownedByNode ? 0 : payload.mappings.length * heapBytesPerMappingChar;
  payload.sources.forEach((raw: unknown, index) => {
    if (typeof raw !== 'string' || sources.has(raw)) return;
    const content = contents[index];
    const text = typeof content === 'string' ? content : null;
    weight += text?.length ?? 0;
    const contentKey = `\0sourcesContent\0${mapUrl}\0${index}`;
    sources.set(raw, { file: resolveSource(raw, sourceRoot, mapUrl), content: text, contentKey });
  });
  const hasNames = Array.isArray(payload.names) && payload.names.length > 0;
  return { map, sources, hasNames, weight };
}

/** `sources[i]` joined to `sourceRoot` and resolved against the map's URL; non-file URLs kept as written. */
function resolveSource(source: string, sourceRoot: string, mapUrl: string): string {
  const joined =
    sourceRoot === '' || absoluteUrl.test(source)
      ? source
      : `${sourceRoot.endsWith('/') ? sourceRoot : `${sourceRoot}/`}${source}`;
  if (absoluteUrl.test(joined) && !joined.startsWith('file:')) return joined;
  try {
    const url = new URL(joined, mapUrl);
    return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
  } catch {
    return joined;
  }
}
