import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ErrorInfo, Frame, JsonValue } from '../../src/errorinfo/ErrorInfo.ts';
import { format } from '../../src/format/format.ts';
import { chained, exception, frame, info } from '../fixtures/format/infos.ts';

/** Any text, control characters and lone surrogates included. */
const text = fc.string({ unit: 'binary', maxLength: 60 });
const position = fc.option(fc.integer({ min: -3, max: 5000 }));

const frameArb: fc.Arbitrary<Frame> = fc
  .record({
    function: fc.option(text),
    alias: fc.option(text),
    file: fc.option(text),
    line: position,
    column: position,
    async: fc.boolean(),
    isConstructor: fc.boolean(),
    native: fc.boolean(),
    eval: fc.boolean(),
    evalOrigin: fc.option(
      fc.record({
        function: fc.option(text),
        file: fc.option(text),
        line: position,
        column: position,
      }),
    ),
    promiseIndex: fc.option(fc.nat(10)),
    module: fc.option(text),
    inApp: fc.boolean(),
    source: fc.option(
      fc.record({
        firstLine: fc.integer({ min: -2, max: 50 }),
        currentLine: fc.integer({ min: -2, max: 60 }),
        lines: fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { maxLength: 20 }),
      }),
    ),
    locals: fc.option(
      fc.dictionary(text, fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue>, { maxKeys: 5 }),
    ),
  })
  .map(fields => frame(fields));

const exceptionFields = fc.record({
  type: text,
  message: fc.string({ unit: 'binary', maxLength: 300 }),
  kind: fc.constantFrom(
    'error',
    'string',
    'object',
    'null',
    'undefined',
    'symbol',
  ) as fc.Arbitrary<'error'>,
  code: fc.option(fc.oneof(text, fc.integer())),
  errno: fc.option(fc.integer()),
  syscall: fc.option(text),
  path: fc.option(text),
  truncated: fc.boolean(),
});
const chainedArb = fc
  .tuple(exceptionFields, fc.array(frameArb, { maxLength: 4 }))
  .map(([f, frames]) => chained(f, frames));

const infoArb: fc.Arbitrary<ErrorInfo> = fc
  .record({
    fields: exceptionFields,
    cause: fc.option(chainedArb),
    errors: fc.array(chainedArb, { maxLength: 3 }),
    frames: fc.array(frameArb, { maxLength: 12 }),
    name: text,
    fingerprint: fc.option(text),
    count: fc.integer({ min: -1, max: 1000 }),
  })
  .map(({ fields, cause, errors, frames, name, fingerprint, count }) =>
    info(exception({ ...fields, cause, errors }), frames, { name, fingerprint, count }),
  );

/** Our own SGR codes; anything else that looks like a control character came from the input. */
// eslint-disable-next-line no-control-regex -- these patterns exist to find control characters
const sgr = /\x1b\[\d+m/g;
// eslint-disable-next-line no-control-regex -- these patterns exist to find control characters
const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

describe('format (fuzz)', () => {
  describe('hostile and malformed reports', () => {
    it('should render with every formatter, without falling back and without raw control characters', () => {
      fc.assert(
        fc.property(infoArb, fc.boolean(), (report, color) => {
          for (const name of ['basic', 'terse', 'extend'] as const) {
            const out = format(report, name, { color });
            assert.doesNotMatch(out, /^\[otel-err\] formatter failed/, name);
            if (!color) assert.ok(!out.includes('\x1b'), name);
            assert.doesNotMatch(out.replace(sgr, ''), unsafe, name);
          }
        }),
        { seed: 20260314, numRuns: 300 },
      );
    });
  });
});
