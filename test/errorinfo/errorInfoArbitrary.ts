import fc from 'fast-check';
import type {
  ChainedException,
  ErrorInfo,
  ExceptionInfo,
  Frame,
  JsonValue,
} from '../../src/errorinfo/ErrorInfo.ts';
import { THROWN_KINDS } from '../../src/errorinfo/scalarCodecs.ts';

/** One UTF-16 code unit, lone surrogates included (JSON escapes them), or one full code point. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map(code => String.fromCharCode(code)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Strings of any code units, NUL and lone surrogates included. */
export const anyString = fc.string({ unit: anyUnit, maxLength: 24 });

// What JSON.parse would build: -0 as 0, plain prototypes, `__proto__` as an own key.
const asParsed = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Any JSON value, as the codec hands it back. */
export const anyJson: fc.Arbitrary<JsonValue> = fc
  .jsonValue({ maxDepth: 4, stringUnit: anyUnit })
  .map(value => asParsed(value as JsonValue));

const jsonObject = fc.dictionary(anyString, anyJson, { maxKeys: 5 }).map(asParsed);
const nullableString = fc.option(anyString, { nil: null });
const position = fc.option(
  fc.oneof(fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER), fc.nat({ max: 100_000 })),
  { nil: null },
);
// fc.record may build null-prototype objects; the codec returns plain ones.
function plainRecord<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true });
}

const date = fc.date({ noInvalidDate: true });
const hex = (bytes: number): fc.Arbitrary<string> =>
  fc
    .uint8Array({ minLength: bytes, maxLength: bytes })
    .filter(array => array.some(byte => byte !== 0))
    .map(array => Buffer.from(array).toString('hex'));

const frame: fc.Arbitrary<Frame> = plainRecord({
  function: nullableString,
  alias: nullableString,
  file: nullableString,
  line: position,
  column: position,
  async: fc.boolean(),
  isConstructor: fc.boolean(),
  native: fc.boolean(),
  eval: fc.boolean(),
  evalOrigin: fc.option(
    plainRecord({
      function: nullableString,
      file: nullableString,
      line: position,
      column: position,
    }),
    { nil: null },
  ),
  promiseIndex: position,
  module: nullableString,
  inApp: fc.boolean(),
  generated: fc.option(
    plainRecord({
      file: nullableString,
      line: position,
      column: position,
      function: nullableString,
    }),
    { nil: null },
  ),
  source: fc.option(
    plainRecord({
      firstLine: fc.nat(),
      currentLine: fc.nat(),
      lines: fc.array(anyString, { maxLength: 4 }),
    }),
    { nil: null },
  ),
  locals: fc.option(jsonObject, { nil: null }),
});

const frames = fc.array(frame, { maxLength: 3 });

const { chained } = fc.letrec<{ chained: ChainedException }>(tie => ({
  chained: fc
    .tuple(exceptionFields(tie('chained')), frames)
    .map(([exception, chainedFrames]) => ({ ...exception, frames: chainedFrames })),
}));

function exceptionFields(nested: fc.Arbitrary<ChainedException>): fc.Arbitrary<ExceptionInfo> {
  const depth = { depthIdentifier: 'chain', maxDepth: 3 };
  return plainRecord({
    type: anyString,
    message: anyString,
    kind: fc.constantFrom(...THROWN_KINDS),
    code: fc.option(
      fc.oneof(
        anyString,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map(asParsed),
      ),
      { nil: null },
    ),
    errno: fc.option(fc.integer({ min: -5000, max: 5000 }), { nil: null }),
    syscall: nullableString,
    path: nullableString,
    stack: nullableString,
    cause: fc.oneof(depth, fc.constant(null), nested),
    errors: fc.oneof(
      depth,
      fc.constant<ChainedException[]>([]),
      fc.array(nested, { maxLength: 2 }),
    ),
    truncated: fc.boolean(),
  });
}

/** Any valid ErrorInfo: every field varied, cause chains and aggregates a few levels deep. */
export const anyErrorInfo: fc.Arbitrary<ErrorInfo> = plainRecord({
  fingerprint: fc.option(fc.uuid(), { nil: null }),
  name: anyString,
  version: anyString,
  timestamp: date,
  count: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  firstSeen: date,
  lastSeen: date,
  exception: exceptionFields(chained),
  frames,
  rootModule: nullableString,
  trace: fc.option(plainRecord({ traceId: hex(16), spanId: hex(8) }), { nil: null }),
  resource: jsonObject,
  runtime: fc.option(
    plainRecord({
      node: anyString,
      pid: fc.nat(),
      hostname: anyString,
      platform: anyString,
      arch: anyString,
    }),
    { nil: null },
  ),
  extra: jsonObject,
});
