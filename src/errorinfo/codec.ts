import { constants as bufferConstants } from 'node:buffer';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ErrorInfo } from './ErrorInfo.ts';
import type { ErrorInfoDocument } from './ErrorInfoDocument.ts';
import { ErrorInfoFormatError } from './ErrorInfoFormatError.ts';
import { type CodecContext, failWith, isRecord, newContext } from './fieldCodec.ts';
import { copyJson, setOwn } from './jsonValueCodec.ts';
import { errorInfoBody, errorInfoSpec } from './modelCodecs.ts';
import { parseJsonText } from './parseJsonText.ts';

/** The `$type` of every ErrorInfo document. */
export const ERRORINFO_TYPE = 'errorinfo';

/** The version `toJSON` writes. 1.x is Gufo Err's Python format; 2.x is this one. */
export const ERRORINFO_VERSION = '2.0';

/** Options of `fromJSONGzip`. */
export interface GzipReadOptions {
  /** Largest decompressed size accepted, in bytes: a gzip bomb stops here. Default 64 MiB. */
  maxBytes?: number;
}

/** Defaults of the codec's options. */
export const codecDefaults = {
  maxBytes: 64 * 1024 * 1024,
} as const satisfies Required<GzipReadOptions>;

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const KNOWN_KEYS = new Set(['$type', '$version', ...Object.keys(errorInfoSpec)]);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The document form of an ErrorInfo (a fresh plain object); throws `ErrorInfoFormatError` on an invalid model. */
export function toDocument(info: ErrorInfo): ErrorInfoDocument {
  const body = errorInfoBody.encode(info, newContext()) as Record<string, unknown>;
  return { $type: ERRORINFO_TYPE, $version: ERRORINFO_VERSION, ...body } as ErrorInfoDocument;
}

/**
 * Reads an ErrorInfo document of any 2.x version (as `JSON.parse` returns it); absent optional
 * fields get their defaults and unknown top-level fields go into `extra`. Throws
 * `ErrorInfoFormatError` naming the first bad field. The input is only read; the result shares nothing with it.
 */
export function fromDocument(value: unknown): ErrorInfo {
  const ctx = newContext();
  if (!isRecord(value)) failWith(ctx, 'expected an ErrorInfo object', value);
  checkEnvelope(value, ctx);
  const info = errorInfoBody.decode(value, ctx);
  for (const key of Object.keys(value)) {
    if (KNOWN_KEYS.has(key) || Object.hasOwn(info.extra, key)) continue;
    ctx.path.push(key);
    setOwn(info.extra, key, copyJson(value[key], ctx, 0));
    ctx.path.pop();
  }
  return info;
}

/** Serialises an ErrorInfo as one line of standard JSON (`$version` "2.0"). */
export function toJSON(info: ErrorInfo): string {
  return JSON.stringify(toDocument(info));
}

/** Parses and validates an ErrorInfo JSON text; throws only `ErrorInfoFormatError`. */
export function fromJSON(text: string): ErrorInfo {
  if (typeof text !== 'string') failWith(newContext(), 'expected a JSON string', text);
  // A leading BOM is not JSON but editors add it; RFC 8259 lets parsers ignore it.
  return fromDocument(parseJsonText(text.startsWith('\uFEFF') ? text.slice(1) : text));
}

/** `toJSON`, gzip-compressed (for `.json.gz` files). */
export function toJSONGzip(info: ErrorInfo): Buffer {
  return gzipSync(toJSON(info));
}

/** Decompresses (at most `maxBytes`) and parses a `.json.gz` ErrorInfo; throws only `ErrorInfoFormatError`. */
export function fromJSONGzip(data: Uint8Array, options: GzipReadOptions = {}): ErrorInfo {
  const maxBytes = options.maxBytes ?? codecDefaults.maxBytes;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || maxBytes > bufferConstants.MAX_LENGTH) {
    throw new RangeError(
      `Invalid option \`maxBytes: ${String(maxBytes)}\`. Expected an integer from 1 to ${bufferConstants.MAX_LENGTH}.`,
    );
  }
  let raw: Buffer;
  try {
    raw = gunzipSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    const tooLarge = (error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
    const reason = tooLarge
      ? `decompressed size exceeds maxBytes (${maxBytes} bytes)`
      : `invalid gzip data: ${error instanceof Error ? error.message : String(error)}`;
    throw new ErrorInfoFormatError('$', reason, { cause: error });
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch (error) {
    throw new ErrorInfoFormatError('$', 'decompressed data is not valid UTF-8', { cause: error });
  }
  return fromJSON(text);
}

function checkEnvelope(value: Record<string, unknown>, ctx: CodecContext): void {
  ctx.path.push('$type');
  const type = Object.hasOwn(value, '$type') ? value.$type : undefined;
  if (type !== ERRORINFO_TYPE) failWith(ctx, `expected "${ERRORINFO_TYPE}"`, type);
  ctx.path[0] = '$version';
  const version = Object.hasOwn(value, '$version') ? value.$version : undefined;
  const match = typeof version === 'string' ? VERSION.exec(version) : null;
  if (match === null) failWith(ctx, 'expected a version string "2.<minor>"', version);
  if (match[1] === '1') {
    failWith(
      ctx,
      "version 1.x is Gufo Err's Python format: read it with the err CLI, not fromJSON",
      version,
    );
  }
  if (match[1] !== '2') failWith(ctx, 'unsupported major version (this reader reads 2.x)', version);
  ctx.path.pop();
}
