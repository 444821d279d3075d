/**
 * ErrorInfo → attributes of an `exception` span event or log record (pure; no SDK objects).
 *
 * Cut order, when limits bite (documented in the package notes too):
 * 1. The SDK's `attributeValueLengthLimit` caps every value. Semconv strings (`exception.*`, `code.*`)
 *    are cut by prefix exactly as the SDK would; our JSON attributes are never cut mid-text.
 * 2. Our JSON attributes share `maxTotalLength`, each at most `maxAttributeLength`, and take the budget
 *    in the order frames → chain → source → locals: locals are cut first, frames last, and once one
 *    is cut the later ones are left out. Inside one, whole items go from the end (outermost frames,
 *    deepest links); a source item falls back to its current line and a chain item to its head (no
 *    frames) before being dropped.
 * 3. A fingerprint that does not fit is left out, never cut; a cut `code`, `syscall` or `path` is named.
 * 4. Insertion order is priority order — exception.* (semconv), fingerprint, code.*, occurrence,
 *    otel_err.exception.*, truncated, then the JSON ones — and past the SDK's attribute count limit
 *    the last keys are dropped first.
 * Every shortened or omitted attribute of ours is listed in `otel_err.truncated`.
 */
import { fileURLToPath } from 'node:url';
import type { ErrorInfo, Frame } from '../src/errorinfo/ErrorInfo.ts';
import { fitItems } from './fitItems.ts';
import {
  chainItems,
  frameItems,
  localsItems,
  sourceItems,
  type ItemVariants,
} from './jsonItems.ts';
import * as names from './semconv.ts';

/** Attribute values we write: span events accept only primitives and same-type arrays. */
export type ExceptionAttributes = Record<string, string | number | boolean | string[]>;

/** The limits one event or log record is built under. */
export interface AttributeLimits {
  /** The SDK's `attributeValueLengthLimit` for this event or record; `Infinity` when unlimited. */
  valueLength: number;
  /** Longest value of one of our JSON attributes. */
  maxAttributeLength: number;
  /** Sum of the lengths of our JSON attributes on one event or record. */
  maxTotalLength: number;
}

/** The attributes of one exception, in priority order; `occurrence` is the fingerprint's ordinal. */
export function exceptionAttributes(
  info: ErrorInfo,
  occurrence: number,
  limits: AttributeLimits,
): ExceptionAttributes {
  const cut = (text: string): string => text.substring(0, Math.max(limits.valueLength, 0));
  const own = Math.min(limits.valueLength, limits.maxAttributeLength);
  const truncated: string[] = [];
  const ownString = (key: string, value: string): string => {
    if (value.length > own) truncated.push(key);
    return value.substring(0, own);
  };
  const { exception } = info;
  const attributes: ExceptionAttributes = { [names.EXCEPTION_TYPE]: cut(exception.type) };
  if (exception.message !== '') attributes[names.EXCEPTION_MESSAGE] = cut(exception.message);
  if (exception.stack !== null) attributes[names.EXCEPTION_STACKTRACE] = cut(exception.stack);
  if (info.fingerprint !== null) {
    if (info.fingerprint.length <= own) attributes[names.FINGERPRINT] = info.fingerprint;
    else truncated.push(names.FINGERPRINT);
  }
  Object.assign(attributes, codeAttributes(info.frames, cut));
  attributes[names.OCCURRENCE] = occurrence;
  attributes[names.EXCEPTION_KIND] = cut(exception.kind);
  if (exception.code !== null) {
    attributes[names.EXCEPTION_CODE] =
      typeof exception.code === 'string'
        ? ownString(names.EXCEPTION_CODE, exception.code)
        : exception.code;
  }
  if (exception.errno !== null) attributes[names.EXCEPTION_ERRNO] = exception.errno;
  if (exception.syscall !== null) {
    attributes[names.EXCEPTION_SYSCALL] = ownString(names.EXCEPTION_SYSCALL, exception.syscall);
  }
  if (exception.path !== null) {
    attributes[names.EXCEPTION_PATH] = ownString(names.EXCEPTION_PATH, exception.path);
  }
  const structured = structuredAttributes(info, own, limits.maxTotalLength, truncated);
  if (truncated.length > 0) attributes[names.TRUNCATED] = truncated.map(cut);
  return Object.assign(attributes, structured);
}

interface Structured {
  exception: ErrorInfo['exception'];
  limits: string;
  attributes: ExceptionAttributes;
  truncated: readonly string[];
}

// Reports reused during an error storm share their frames: their JSON is built once, not per occurrence.
const structuredCache = new WeakMap<readonly Frame[], Structured>();

function structuredAttributes(
  info: ErrorInfo,
  maxLength: number,
  maxTotal: number,
  truncated: string[],
): ExceptionAttributes {
  const limits = `${maxLength}/${maxTotal}`;
  const cached = structuredCache.get(info.frames);
  if (cached?.exception === info.exception && cached.limits === limits) {
    truncated.push(...cached.truncated);
    return cached.attributes;
  }
  const cut: string[] = [];
  const attributes = buildStructured(info, maxLength, maxTotal, cut);
  structuredCache.set(info.frames, {
    exception: info.exception,
    limits,
    attributes,
    truncated: cut,
  });
  truncated.push(...cut);
  return attributes;
}

function buildStructured(
  info: ErrorInfo,
  maxLength: number,
  maxTotal: number,
  truncated: string[],
): ExceptionAttributes {
  const sources: readonly [string, () => ItemVariants[]][] = [
    [names.FRAMES, () => frameItems(info.frames)],
    [names.CHAIN, () => chainItems(info.exception)],
    [names.SOURCE, () => sourceItems(info.frames)],
    [names.LOCALS, () => localsItems(info.frames)],
  ];
  const attributes: ExceptionAttributes = {};
  let remaining = maxTotal;
  let exhausted = false;
  for (const [key, build] of sources) {
    const items = build();
    if (items.length === 0) continue;
    const fitted = exhausted ? null : fitItems(items, Math.min(maxLength, remaining));
    if (fitted === null || !fitted.complete) {
      truncated.push(key);
      // Strict order: once one attribute is cut, the later ones do not take what is left.
      exhausted = true;
    }
    if (fitted === null) continue;
    attributes[key] = fitted.json;
    remaining -= fitted.json.length;
  }
  return attributes;
}

/** `code.*` of the top in-app frame, else of the top frame that has a file. */
function codeAttributes(
  frames: readonly Frame[],
  cut: (text: string) => string,
): ExceptionAttributes {
  const frame =
    frames.find(candidate => candidate.inApp && candidate.file !== null) ??
    frames.find(candidate => !candidate.native && candidate.file !== null);
  if (frame === undefined) return {};
  const attributes: ExceptionAttributes = {};
  if (frame.function !== null) attributes[names.CODE_FUNCTION_NAME] = cut(frame.function);
  if (frame.file !== null) attributes[names.CODE_FILE_PATH] = cut(filePath(frame.file));
  if (frame.line !== null) attributes[names.CODE_LINE_NUMBER] = frame.line;
  if (frame.column !== null) attributes[names.CODE_COLUMN_NUMBER] = frame.column;
  return attributes;
}

// semconv asks for a path; ESM frames print `file://` URLs.
function filePath(file: string): string {
  if (!file.startsWith('file://')) return file;
  try {
    return fileURLToPath(file);
  } catch {
    return file;
  }
}
