import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChainedException, ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { ErrorInfoFormatError } from '../../src/errorinfo/ErrorInfoFormatError.ts';
import {
  ERRORINFO_VERSION,
  fromDocument,
  fromJSON,
  toDocument,
  toJSON,
} from '../../src/errorinfo/codec.ts';
import { MAX_CHAIN_DEPTH } from '../../src/errorinfo/modelCodecs.ts';
import { MAX_JSON_DEPTH } from '../../src/errorinfo/jsonValueCodec.ts';
import { minimalErrorInfo, richErrorInfo, sampleChained, sampleFrame } from './sampleErrorInfo.ts';
import { validateErrorInfo } from './schemaValidator.ts';

/** toJSON → fromJSON, checking on the way that the document validates against the schema. */
function roundTrip(info: ErrorInfo): ErrorInfo {
  const text = toJSON(info);
  const document: unknown = JSON.parse(text);
  assert.ok(validateErrorInfo(document), JSON.stringify(validateErrorInfo.errors));
  assert.deepStrictEqual(fromDocument(toDocument(info)), fromJSON(text));
  return fromJSON(text);
}

function chainOf(depth: number): ChainedException | null {
  let cause: ChainedException | null = null;
  for (let level = depth; level >= 1; level--) {
    cause = sampleChained({
      message: `level ${level}`,
      cause,
      frames: [sampleFrame({ line: level })],
    });
  }
  return cause;
}

function formatErrorOf(run: () => unknown): ErrorInfoFormatError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ErrorInfoFormatError, String(error));
    return error;
  }
  assert.fail('no error thrown');
}

describe('ErrorInfo codec', () => {
  describe('round trip', () => {
    it('should keep every field of a rich report', () => {
      const info = richErrorInfo();
      assert.deepStrictEqual(roundTrip(info), info);
    });

    it('should keep a minimal report', () => {
      const info = minimalErrorInfo();
      assert.deepStrictEqual(roundTrip(info), info);
    });

    it('should keep 0 and null positions apart', () => {
      const info = minimalErrorInfo();
      info.frames = [
        sampleFrame({ line: 0, column: 0, promiseIndex: 0 }),
        sampleFrame({ line: null, column: null }),
      ];
      const back = roundTrip(info);
      assert.deepStrictEqual(
        back.frames.map(frame => [frame.line, frame.column, frame.promiseIndex]),
        [
          [0, 0, 0],
          [null, null, null],
        ],
      );
    });

    it(`should keep a cause chain ${MAX_CHAIN_DEPTH} levels deep`, () => {
      const info = minimalErrorInfo();
      info.exception.cause = chainOf(MAX_CHAIN_DEPTH);
      assert.deepStrictEqual(roundTrip(info), info);
    });

    it('should keep AggregateError members with their own causes and frames', () => {
      const info = minimalErrorInfo();
      info.exception = {
        ...info.exception,
        type: 'AggregateError',
        errors: [
          sampleChained({
            type: 'TypeError',
            cause: chainOf(3),
            frames: [sampleFrame({ line: 9 })],
          }),
          sampleChained({ kind: 'string', type: 'string', message: 'thrown string' }),
          sampleChained({ errors: [sampleChained({ message: 'nested member' })] }),
        ],
      };
      assert.deepStrictEqual(roundTrip(info), info);
    });

    it('should keep locals of every JSON type', () => {
      const info = minimalErrorInfo();
      const zoo = {
        nul: null,
        t: true,
        f: false,
        zero: 0,
        tiny: 5e-324,
        max: Number.MAX_VALUE,
        unsafe: 2 ** 60,
        negative: -42.25,
        empty: '',
        nulChar: 'a\u0000b',
        loneHigh: '\ud800',
        loneLow: 'x\udfffy',
        pair: '😀',
        separators: '\u2028\u2029',
        controls: '\b\f\n\r\t\u001f',
        emptyArray: [],
        emptyObject: {},
        matrix: [[1, [2, [3, [null]]]], [{ k: [] }]],
        '': 'empty key',
        'a.b["c"]': 'odd key',
        deep: JSON.parse(`${'['.repeat(MAX_JSON_DEPTH - 1)}1${']'.repeat(MAX_JSON_DEPTH - 1)}`),
      };
      info.frames = [sampleFrame({ locals: zoo })];
      assert.deepStrictEqual(roundTrip(info), info);
    });

    it('should write -0 as 0 (JSON.stringify does) in both forms', () => {
      const info = minimalErrorInfo();
      info.extra = { z: -0, list: [-0] };
      assert.ok(Object.is(toDocument(info).extra.z, 0));
      assert.deepStrictEqual(fromJSON(toJSON(info)).extra, { z: 0, list: [0] });
      assert.ok(Object.is(fromJSON(toJSON(info)).extra.z, 0));
    });

    it('should keep an own `__proto__` key without touching prototypes', () => {
      const info = minimalErrorInfo();
      info.extra = JSON.parse('{"__proto__":{"polluted":true}}') as ErrorInfo['extra'];
      const back = roundTrip(info);
      assert.deepStrictEqual(Object.keys(back.extra), ['__proto__']);
      assert.equal(Object.getPrototypeOf(back.extra), Object.prototype);
      assert.equal((back.extra as { polluted?: unknown }).polluted, undefined);
    });
  });

  describe('toDocument', () => {
    it('should put the envelope first and write dates with toISOString', () => {
      const document = toDocument(richErrorInfo());
      assert.deepStrictEqual(Object.keys(document).slice(0, 2), ['$type', '$version']);
      assert.equal(document.$type, 'errorinfo');
      assert.equal(document.$version, ERRORINFO_VERSION);
      assert.equal(document.timestamp, '2024-05-01T10:00:00.123Z');
    });

    it('should return fresh objects, sharing nothing with the model', () => {
      const info = richErrorInfo();
      const document = toDocument(info);
      assert.notEqual(document.frames[0]?.locals, info.frames[0]?.locals);
      assert.notEqual(document.extra, info.extra);
    });

    it('should fill optional fields that a JavaScript caller left undefined', () => {
      const info = minimalErrorInfo() as Partial<ErrorInfo>;
      delete info.count;
      delete info.firstSeen;
      delete info.extra;
      const document = toDocument(info as ErrorInfo);
      assert.equal(document.count, 1);
      assert.equal(document.firstSeen, document.timestamp);
      assert.deepStrictEqual(document.extra, {});
    });

    it('should drop model properties the format does not know', () => {
      const info = { ...minimalErrorInfo(), surprise: 1 } as ErrorInfo;
      assert.equal(Object.hasOwn(toDocument(info), 'surprise'), false);
    });
  });

  describe('invalid models', () => {
    const cyclic = sampleChained();
    cyclic.cause = cyclic;
    const cyclicLocal: Record<string, unknown> = {};
    cyclicLocal.self = cyclicLocal;
    const cases: [string, (info: ErrorInfo) => void, string][] = [
      [
        'NaN in locals',
        i => (i.frames = [sampleFrame({ locals: { n: Number.NaN } })]),
        'frames[0].locals.n',
      ],
      ['Infinity in extra', i => (i.extra = { a: { b: [1, Infinity] } }), 'extra.a.b[1]'],
      [
        'a Date in locals',
        i => (i.frames = [sampleFrame({ locals: { d: new Date() } as never })]),
        'frames[0].locals.d',
      ],
      ['a Map in resource', i => (i.resource = { m: new Map() as never }), 'resource.m'],
      [
        'a bigint local',
        i => (i.frames = [sampleFrame({ locals: { b: 1n as never } })]),
        'frames[0].locals.b',
      ],
      ['undefined in an array', i => (i.extra = { l: [1, undefined as never] }), 'extra.l[1]'],
      [
        'a cyclic local',
        i => (i.extra = cyclicLocal as never),
        `extra${'.self'.repeat(MAX_JSON_DEPTH)}`,
      ],
      ['an invalid timestamp', i => (i.timestamp = new Date(Number.NaN)), 'timestamp'],
      ['a string timestamp', i => (i.lastSeen = '2024-01-01' as never), 'lastSeen'],
      ['a fractional line', i => (i.frames = [sampleFrame({ line: 1.5 })]), 'frames[0].line'],
      ['a NaN errno', i => (i.exception.errno = Number.NaN), 'exception.errno'],
      [
        'a short trace id',
        i => (i.trace = { traceId: 'abc', spanId: '00f067aa0ba902b7' }),
        'trace.traceId',
      ],
      ['count 0', i => (i.count = 0), 'count'],
      ['a missing name', i => (i.name = undefined as never), 'name'],
      ['an unknown kind', i => (i.exception.kind = 'weird' as never), 'exception.kind'],
      [
        'a cyclic cause',
        i => (i.exception.cause = cyclic),
        `exception${'.cause'.repeat(MAX_CHAIN_DEPTH + 1)}`,
      ],
    ];
    for (const [label, corrupt, field] of cases) {
      it(`should refuse ${label}, naming ${field.length > 40 ? `${field.slice(0, 40)}…` : field}`, () => {
        const info = minimalErrorInfo();
        corrupt(info);
        assert.equal(formatErrorOf(() => toJSON(info)).field, field);
      });
    }

    it('should refuse a model that is not an object', () => {
      assert.equal(formatErrorOf(() => toJSON(null as never)).field, '$');
    });
  });
});
