/**
 * Gufo Err `$version` "1.0" reports (Python) as ErrorInfo, so that a mixed fleet is one list.
 * Its stack is outermost first (ours is top first), frames have no positions but the source
 * window's current line, the exception is `{class, args}`, and `timestamp` is an ISO date that
 * Gufo Err itself never fills (the file's mtime stands in) and that may lack a zone (read as UTC).
 */
import type { ErrorInfo, Frame, JsonValue, SourceContext } from '../../errorinfo/ErrorInfo.ts';

/** A Gufo Err file that is not a valid 1.0 report; `message` names the field. */
export class GufoFormatError extends Error {
  override readonly name = 'GufoFormatError';
}

type Doc = Record<string, unknown>;

const FINGERPRINT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;
const LIBRARY_PATH = /[/\\](?:site-packages|dist-packages|lib[/\\]python\d[\d.]*)[/\\]/;

/** Converts a parsed Gufo Err 1.0 document; `mtime` stands in for a missing timestamp. Throws `GufoFormatError`. */
export function fromGufoDocument(doc: Doc, mtime: Date): ErrorInfo {
  const fingerprint = text(doc, 'fingerprint');
  if (!FINGERPRINT.test(fingerprint)) fail('fingerprint', 'expected a UUID');
  const exception = record(doc, 'exception');
  const args = Array.isArray(exception.args) ? (exception.args as unknown[]) : [];
  const rootModule =
    typeof doc.root_module === 'string' && doc.root_module ? doc.root_module : null;
  const stack = doc.stack;
  if (!Array.isArray(stack)) fail('stack', 'expected an array');
  const frames = (stack as unknown[])
    .map((frame, i) => toFrame(frame, `stack[${i}]`, rootModule))
    .reverse();
  const timestamp =
    doc.timestamp === undefined || doc.timestamp === null ? mtime : parseTime(doc.timestamp);
  return {
    fingerprint: fingerprint.toLowerCase(),
    name: text(doc, 'name'),
    version: text(doc, 'version'),
    timestamp,
    count: 1,
    firstSeen: timestamp,
    lastSeen: timestamp,
    exception: {
      type: text(exception, 'class', 'exception.class'),
      message: args.length > 0 ? pythonStr(args[0]) : '',
      kind: 'error',
      code: null,
      errno: null,
      syscall: null,
      path: null,
      stack: null,
      cause: null,
      errors: [],
      truncated: false,
    },
    frames,
    rootModule,
    trace: null,
    resource: {},
    runtime: null,
    extra: { gufoArgs: args.map(pythonStr) },
  };
}

function toFrame(value: unknown, at: string, rootModule: string | null): Frame {
  if (!isRecord(value)) fail(at, 'expected an object');
  const module = optionalText(value, 'module', `${at}.module`);
  const source = value.source ? toSource(value.source, `${at}.source`) : null;
  const file = source?.file ?? null;
  const inApp = rootModule
    ? module === rootModule || (module ?? '').startsWith(`${rootModule}.`)
    : file === null || !LIBRARY_PATH.test(file);
  return {
    function: optionalText(value, 'name', `${at}.name`),
    alias: null,
    file,
    line: source?.context.currentLine ?? null,
    column: null,
    async: false,
    isConstructor: false,
    native: false,
    eval: false,
    evalOrigin: null,
    promiseIndex: null,
    module,
    inApp,
    generated: null,
    source: source?.context ?? null,
    locals: isRecord(value.locals) ? (value.locals as Record<string, JsonValue>) : null,
  };
}

function toSource(value: unknown, at: string): { file: string; context: SourceContext } {
  if (!isRecord(value)) fail(at, 'expected an object');
  const lines = value.lines;
  if (!Array.isArray(lines) || !lines.every(line => typeof line === 'string')) {
    fail(`${at}.lines`, 'expected an array of strings');
  }
  return {
    file: text(value, 'file_name', `${at}.file_name`),
    context: {
      firstLine: count(value, 'first_line', `${at}.first_line`),
      currentLine: count(value, 'current_line', `${at}.current_line`),
      lines,
    },
  };
}

function parseTime(value: unknown): Date {
  const match = typeof value === 'string' ? ISO.exec(value) : null;
  if (match === null) fail('timestamp', 'expected an ISO 8601 date-time');
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const lastDay = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > lastDay) {
    fail('timestamp', 'not a valid date');
  }
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}${offset}`);
  if (Number.isNaN(date.getTime())) fail('timestamp', 'not a valid date');
  return date;
}

/** Python's `str()` of a JSON-decoded value, as Gufo Err showed exception args. */
function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function text(doc: Doc, key: string, at = key): string {
  const value = doc[key];
  if (typeof value !== 'string') fail(at, 'expected a string');
  return value;
}

function optionalText(doc: Doc, key: string, at: string): string | null {
  const value = doc[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(at, 'expected a string or null');
  return value;
}

function count(doc: Doc, key: string, at: string): number {
  const value = doc[key];
  if (!Number.isSafeInteger(value) || (value as number) < 0) fail(at, 'expected an integer ≥ 0');
  return value as number;
}

function record(doc: Doc, key: string): Doc {
  const value = doc[key];
  if (!isRecord(value)) fail(key, 'expected an object');
  return value;
}

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(at: string, reason: string): never {
  throw new GufoFormatError(`${at}: ${reason}`);
}
