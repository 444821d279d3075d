import { diag } from '@opentelemetry/api';
import type { ExceptionInfo, ThrownKind } from '../errorinfo/ErrorInfo.ts';
import { isErrorLike } from './isErrorLike.ts';
import {
  isObjectLike,
  readOnce,
  safeGet,
  safeHas,
  UNREADABLE,
  type PropertyReader,
} from './safeGet.ts';

/** The fields of one exception that normalisation fills; the chain builder adds `cause`, `errors` and `truncated`. */
export type ExceptionFields = Omit<ExceptionInfo, 'cause' | 'errors' | 'truncated'>;

/** A thrown value, normalised: its fields plus the raw links (`cause`, members) the chain builder follows. */
export interface NormalizedThrown {
  /** The exception's own fields. */
  exception: ExceptionFields;
  /** The error-like object whose stack and frames can be read (the value itself when `kind` is `'error'`), else `null`. */
  error: object | null;
  /** The raw `cause` when `hasCause`, else `undefined`. */
  cause: unknown;
  /** Whether the value has a readable `cause` (an explicit `cause: undefined` counts). */
  hasCause: boolean;
  /** `AggregateError.errors`, or a `SuppressedError`'s `error` then `suppressed`; at most `maxMembers`. */
  members: unknown[];
  /** Members left out: beyond `maxMembers`, or unreadable. */
  membersOmitted: number;
}

/** Options of `normalizeThrown`. */
export interface NormalizeOptions {
  /** Characters of `message` kept before a `… [N more chars]` marker. The default value is 8192. */
  maxMessageLength?: number;
  /** Characters of `stack` frames kept, cut at a line end (its header is clipped like a message). The default value is 65536. */
  maxStackLength?: number;
  /** Characters kept of `type`, `code`, `syscall` and `path`. The default value is 1024. */
  maxFieldLength?: number;
  /** Members (`AggregateError.errors` entries) read; the rest are only counted. The default value is 16. */
  maxMembers?: number;
}

/** Defaults of `NormalizeOptions`. */
export const normalizeDefaults: Readonly<Required<NormalizeOptions>> = {
  maxMessageLength: 8192,
  maxStackLength: 65536,
  maxFieldLength: 1024,
  maxMembers: 16,
};

/** How many own keys, and how many characters of each nested string, a non-error object's message shows. */
const RENDER_KEYS = 10;
const RENDER_STRING = 100;

/**
 * Turns anything thrown into exception fields without letting anything escape: every property is
 * read once through a guard, and no user code is called (no `toString`, `Symbol.toPrimitive`,
 * `toJSON`, `Symbol.toStringTag` or `util.inspect.custom`). `type`: an error's `name`, or its
 * constructor's name when `name` is missing or the generic inherited `'Error'`; an object's
 * constructor name (its `name` if it also has a string `message`); else the kind. `message`: a
 * string `message`; else `String(primitive)`, `[Function: f]`, one level of an object's own
 * enumerable data properties (`{ a: 1 }`, getters shown not run), or an `[object Type]` tag.
 */
export function normalizeThrown(value: unknown, options: NormalizeOptions = {}): NormalizedThrown {
  try {
    const limits = resolveLimits(options);
    if (!isObjectLike(value)) return leaf(primitive(value, limits));
    if (typeof value === 'function') return leaf(functionFields(value, limits));
    const read = readOnce(value);
    const isError = isErrorLike(value, read);
    const { members, membersOmitted } = isError
      ? readMembers(value, read, limits.maxMembers)
      : noMembers();
    const cause = read('cause');
    const hasCause = cause !== UNREADABLE && (cause !== undefined || safeHas(value, 'cause'));
    return {
      exception: objectFields(value, read, isError, limits),
      error: isError ? value : null,
      cause: hasCause ? cause : undefined,
      hasCause,
      members,
      membersOmitted,
    };
  } catch (error) {
    diag.warn('normalizeThrown: normalisation failed, keeping the kind only', error);
    const kind = value === null ? 'null' : typeof value;
    return leaf(fields(kind === 'object' ? 'Object' : kind, '', kind));
  }
}

type Limits = Required<NormalizeOptions>;

interface Members {
  members: unknown[];
  membersOmitted: number;
}

function noMembers(): Members {
  return { members: [], membersOmitted: 0 };
}

function leaf(exception: ExceptionFields): NormalizedThrown {
  return { exception, error: null, cause: undefined, hasCause: false, ...noMembers() };
}

function fields(type: string, message: string, kind: ThrownKind): ExceptionFields {
  return { type, message, kind, code: null, errno: null, syscall: null, path: null, stack: null };
}

function resolveLimits(options: NormalizeOptions): Limits {
  const limits = { ...normalizeDefaults };
  for (const key of Object.keys(normalizeDefaults) as (keyof Limits)[]) {
    const given = options[key];
    if (given === undefined) continue;
    if (Number.isInteger(given) && given >= 0) limits[key] = given;
    else diag.warn(`normalizeThrown: invalid ${key} ${String(given)}, using ${limits[key]}`);
  }
  return limits;
}

function primitive(value: unknown, limits: Limits): ExceptionFields {
  const kind = value === null ? 'null' : (typeof value as ThrownKind);
  return fields(kind, clip(renderPrimitive(value), limits.maxMessageLength), kind);
}

function renderPrimitive(value: unknown): string {
  // String() is safe on every primitive (symbols included) and calls no prototype method.
  return Object.is(value, -0) ? '-0' : String(value);
}

function functionFields(value: object, limits: Limits): ExceptionFields {
  const name = safeGet(value, 'name');
  const label = typeof name === 'string' && name !== '' ? `: ${name}` : ' (anonymous)';
  return fields('function', clip(`[Function${label}]`, limits.maxMessageLength), 'function');
}

function objectFields(
  value: object,
  read: PropertyReader,
  isError: boolean,
  limits: Limits,
): ExceptionFields {
  const name = nonEmptyString(read('name'));
  const message = read('message');
  const type = isError
    ? errorType(name, read)
    : name !== null && typeof message === 'string'
      ? name
      : (constructorName(read) ?? 'Object');
  const stack = read('stack');
  const code = read('code');
  const errno = read('errno');
  return {
    type: clip(type, limits.maxFieldLength),
    message: clip(messageOf(value, message, isError, type), limits.maxMessageLength),
    kind: isError ? 'error' : 'object',
    code: typeof code === 'string' ? clip(code, limits.maxFieldLength) : finiteOrNull(code),
    errno: finiteOrNull(errno),
    syscall: stringOrNull(read('syscall'), limits.maxFieldLength),
    path: stringOrNull(read('path'), limits.maxFieldLength),
    stack: typeof stack === 'string' ? clipStack(stack, limits) : null,
  };
}

/** `name`, unless missing or the generic `'Error'` a subclass inherits (`class DbError extends Error {}`). */
function errorType(name: string | null, read: PropertyReader): string {
  if (name !== null && name !== 'Error') return name;
  const ctor = constructorName(read);
  return ctor !== null && ctor !== 'Object' ? ctor : 'Error';
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function stringOrNull(value: unknown, max: number): string | null {
  return typeof value === 'string' ? clip(value, max) : null;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function constructorName(read: PropertyReader): string | null {
  const ctor = read('constructor');
  return typeof ctor === 'function' ? nonEmptyString(safeGet(ctor, 'name')) : null;
}

function messageOf(value: object, message: unknown, isError: boolean, type: string): string {
  if (typeof message === 'string') return message;
  const kind = typeof message;
  if (kind === 'number' || kind === 'bigint' || kind === 'boolean') return renderPrimitive(message);
  return isError ? '' : renderObject(value, type);
}

/** One level of own enumerable data properties, `{ a: 1, b: "x" }`; getters are shown, never run. */
function renderObject(value: object, type: string): string {
  try {
    const isArray = Array.isArray(value);
    const parts: string[] = [];
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key !== 'string') continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor?.enumerable !== true) continue;
      if (parts.length === RENDER_KEYS) {
        parts.push('…');
        break;
      }
      const shown = 'value' in descriptor ? renderNested(descriptor.value) : accessor(descriptor);
      parts.push(isArray ? shown : `${renderKey(key)}: ${shown}`);
    }
    if (parts.length === 0) return `[object ${type}]`;
    return isArray ? `[ ${parts.join(', ')} ]` : `{ ${parts.join(', ')} }`;
  } catch {
    return `[object ${type}]`;
  }
}

function renderKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(clip(key, RENDER_STRING));
}

function renderNested(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(clip(value, RENDER_STRING));
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return '[Function]';
  if (typeof value === 'object' && value !== null)
    return Array.isArray(value) ? '[Array]' : '[Object]';
  return clip(renderPrimitive(value), RENDER_STRING);
}

function accessor(descriptor: PropertyDescriptor): string {
  if (descriptor.get === undefined) return '[Setter]';
  return descriptor.set === undefined ? '[Getter]' : '[Getter/Setter]';
}

function readMembers(value: object, read: PropertyReader, max: number): Members {
  const errors = read('errors');
  if (isArray(errors)) {
    const length = safeGet(errors, 'length');
    const total = typeof length === 'number' && Number.isSafeInteger(length) ? length : 0;
    return take(
      Array.from({ length: Math.min(total, max) }, (_, i) => safeGet(errors, i)),
      total,
    );
  }
  if (!safeHas(value, 'suppressed')) return noMembers();
  return take([read('error'), read('suppressed')].slice(0, max), 2);
}

function take(read: unknown[], total: number): Members {
  const members = read.filter(member => member !== UNREADABLE);
  return { members, membersOmitted: total - members.length };
}

function isArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false; // a revoked Proxy
  }
}

/** Keeps `max` characters (never half a surrogate pair) and says how many were dropped. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, cut)}… [${text.length - cut} more chars]`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** V8 repeats the whole message in the stack header: clip it like the message, then keep whole frame lines. */
function clipStack(stack: string, limits: Limits): string {
  if (stack.length <= limits.maxStackLength) return stack;
  const framesAt = stack.indexOf('\n    at ');
  const header = framesAt < 0 ? stack : stack.slice(0, framesAt);
  const frames = framesAt < 0 ? '' : stack.slice(framesAt);
  const clippedHeader = clip(header, limits.maxMessageLength);
  if (frames.length <= limits.maxStackLength) return clippedHeader + frames;
  const lineEnd = frames.lastIndexOf('\n', limits.maxStackLength);
  const cut = lineEnd > 0 ? lineEnd : limits.maxStackLength;
  return `${clippedHeader}${frames.slice(0, cut)}\n    … [${frames.length - cut} more chars]`;
}
