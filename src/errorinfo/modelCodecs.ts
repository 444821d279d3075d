import type { EvalOrigin } from '../stack/StackFrame.ts';
import type {
  ChainedException,
  ErrorInfo,
  ExceptionInfo,
  Frame,
  GeneratedPosition,
  JsonValue,
  RuntimeInfo,
  SourceContext,
  TraceContext,
} from './ErrorInfo.ts';
import {
  type CodecContext,
  type FieldCodec,
  type ObjectSpec,
  arrayOf,
  fail,
  isRecord,
  lazy,
  nullable,
  objectOf,
  optional,
  required,
} from './fieldCodec.ts';
import { jsonObject } from './jsonValueCodec.ts';
import {
  boolean,
  errorCode,
  finiteNumber,
  isoDate,
  nonNegativeInteger,
  positiveInteger,
  spanId,
  string,
  thrownKind,
  traceId,
  uuid,
} from './scalarCodecs.ts';

/** Deepest `cause` / `errors[i]` nesting accepted below the top exception. */
export const MAX_CHAIN_DEPTH = 64;

const toNull = (): null => null;
const toFalse = (): false => false;
const toEmptyArray = (): never[] => [];
const toEmptyObject = (): Record<string, JsonValue> => ({});

const nullableString = nullable(string);
const nullablePosition = nullable(nonNegativeInteger);

const evalOrigin = objectOf<EvalOrigin>({
  function: optional(nullableString, toNull),
  file: optional(nullableString, toNull),
  line: optional(nullablePosition, toNull),
  column: optional(nullablePosition, toNull),
});

const generatedPosition = objectOf<GeneratedPosition>({
  file: optional(nullableString, toNull),
  line: optional(nullablePosition, toNull),
  column: optional(nullablePosition, toNull),
  function: optional(nullableString, toNull),
});

const sourceContext = objectOf<SourceContext>({
  firstLine: required(nonNegativeInteger),
  currentLine: required(nonNegativeInteger),
  lines: required(arrayOf(string)),
});

// Every frame field is optional: a frame from any producer (eval code without a module, a
// native frame without a file) must read back. Gufo Err 1.0 required `module` and could not.
const frame = objectOf<Frame>({
  function: optional(nullableString, toNull),
  alias: optional(nullableString, toNull),
  file: optional(nullableString, toNull),
  line: optional(nullablePosition, toNull),
  column: optional(nullablePosition, toNull),
  async: optional(boolean, toFalse),
  isConstructor: optional(boolean, toFalse),
  native: optional(boolean, toFalse),
  eval: optional(boolean, toFalse),
  evalOrigin: optional(nullable(evalOrigin), toNull),
  promiseIndex: optional(nullablePosition, toNull),
  module: optional(nullableString, toNull),
  inApp: optional(boolean, toFalse),
  generated: optional(nullable(generatedPosition), toNull),
  source: optional(nullable(sourceContext), toNull),
  locals: optional(nullable(jsonObject), toNull),
});

const frames = arrayOf(frame);

const chainedException: FieldCodec<ChainedException> = lazy('an object', isRecord, () =>
  objectOf<ChainedException>({
    ...exceptionSpec,
    frames: optional(frames, toEmptyArray),
  }),
);

const nestedException = deeper(chainedException);

const exceptionSpec: ObjectSpec<ExceptionInfo> = {
  type: required(string),
  message: required(string),
  kind: optional(thrownKind, () => 'error'),
  code: optional(nullable(errorCode), toNull),
  errno: optional(nullable(finiteNumber), toNull),
  syscall: optional(nullableString, toNull),
  path: optional(nullableString, toNull),
  stack: optional(nullableString, toNull),
  cause: optional(nullable(nestedException), toNull),
  errors: optional(arrayOf(nestedException), toEmptyArray),
  truncated: optional(boolean, toFalse),
};

const traceContext = objectOf<TraceContext>({
  traceId: required(traceId),
  spanId: required(spanId),
});

const runtimeInfo = objectOf<RuntimeInfo>({
  node: required(string),
  pid: required(nonNegativeInteger),
  hostname: required(string),
  platform: required(string),
  arch: required(string),
});

const sameInstantAsTimestamp = (info: Partial<ErrorInfo>): Date =>
  new Date(info.timestamp?.getTime() ?? Number.NaN);

/** The fields of an ErrorInfo document besides `$type` and `$version`, in document order. */
export const errorInfoSpec: ObjectSpec<ErrorInfo> = {
  fingerprint: optional(nullable(uuid), toNull),
  name: required(string),
  version: required(string),
  timestamp: required(isoDate),
  count: optional(positiveInteger, () => 1),
  firstSeen: optional(isoDate, sameInstantAsTimestamp),
  lastSeen: optional(isoDate, sameInstantAsTimestamp),
  rootModule: optional(nullableString, toNull),
  trace: optional(nullable(traceContext), toNull),
  runtime: optional(nullable(runtimeInfo), toNull),
  resource: optional(jsonObject, toEmptyObject),
  exception: required(objectOf(exceptionSpec)),
  frames: required(frames),
  extra: optional(jsonObject, toEmptyObject),
};

/** The body of an ErrorInfo document. */
export const errorInfoBody = objectOf(errorInfoSpec);

/** Counts chain depth around a nested exception, so hostile or cyclic chains stop with an error. */
function deeper<T>(codec: FieldCodec<T>): FieldCodec<T> {
  const enter = <R>(ctx: CodecContext, run: () => R): R => {
    if (ctx.chainDepth >= MAX_CHAIN_DEPTH) {
      fail(ctx, `exception chain deeper than ${MAX_CHAIN_DEPTH} levels`);
    }
    ctx.chainDepth++;
    const result = run();
    ctx.chainDepth--;
    return result;
  };
  return {
    expected: codec.expected,
    accepts: value => codec.accepts(value),
    encode: (value, ctx) => enter(ctx, () => codec.encode(value, ctx)),
    decode: (value, ctx) => enter(ctx, () => codec.decode(value, ctx)),
  };
}
