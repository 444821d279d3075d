import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorInfoFormatError } from '../../src/errorinfo/ErrorInfoFormatError.ts';
import { fromDocument, fromJSON, toDocument } from '../../src/errorinfo/codec.ts';
import { MAX_JSON_DEPTH } from '../../src/errorinfo/jsonValueCodec.ts';
import { MAX_CHAIN_DEPTH } from '../../src/errorinfo/modelCodecs.ts';
import { richErrorInfo } from './sampleErrorInfo.ts';
import { validateErrorInfo } from './schemaValidator.ts';

// Mutations reach into the document freely: it is JSON, typed loosely here on purpose.
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A valid document as a fresh JSON tree. */
function validDocument(): Doc {
  return JSON.parse(JSON.stringify(toDocument(richErrorInfo()))) as Doc;
}

function fieldOfError(document: unknown): string {
  try {
    fromDocument(document);
  } catch (error) {
    assert.ok(error instanceof ErrorInfoFormatError, String(error));
    return error.field;
  }
  assert.fail('fromDocument accepted the document');
}

const MINIMAL = {
  $type: 'errorinfo',
  $version: '2.0',
  name: 'svc',
  version: '1',
  timestamp: '2024-05-01T10:00:00Z',
  exception: { type: 'Error', message: 'boom' },
  frames: [],
};

describe('ErrorInfo codec documents', () => {
  describe('invalid documents (schema and fromDocument agree)', () => {
    const notObjects: [string, unknown][] = [
      ['an array', []],
      ['null', null],
      ['a string', 'errorinfo'],
      ['a number', 2],
    ];
    for (const [label, document] of notObjects) {
      it(`should reject ${label} at $`, () => {
        assert.equal(validateErrorInfo(document), false, 'the schema accepted it');
        assert.equal(fieldOfError(document), '$');
      });
    }

    // Each mutation changes a valid document in place (its return value is ignored).
    const cases: [string, (d: Doc) => unknown, string][] = [
      ['no $type', d => delete d.$type, '$type'],
      ['a wrong $type', d => (d.$type = 'errorInfo'), '$type'],
      ['no $version', d => delete d.$version, '$version'],
      ['Gufo Err version 1.0', d => (d.$version = '1.0'), '$version'],
      ['major version 3', d => (d.$version = '3.0'), '$version'],
      ['a numeric $version', d => (d.$version = 2), '$version'],
      ['$version without minor', d => (d.$version = '2'), '$version'],
      ['$version with a leading zero', d => (d.$version = '2.01'), '$version'],
      ['$version with a patch', d => (d.$version = '2.0.1'), '$version'],
      ['no name', d => delete d.name, 'name'],
      ['a null name', d => (d.name = null), 'name'],
      ['a numeric version', d => (d.version = 1), 'version'],
      ['no timestamp', d => delete d.timestamp, 'timestamp'],
      ['a timestamp without zone', d => (d.timestamp = '2024-05-01T10:00:00'), 'timestamp'],
      ['a garbage timestamp', d => (d.timestamp = 'yesterday'), 'timestamp'],
      ['a mixed-format timestamp', d => (d.timestamp = '2024-05-01T100000Z'), 'timestamp'],
      ['an epoch timestamp', d => (d.timestamp = 1714557600000), 'timestamp'],
      ['count 0', d => (d.count = 0), 'count'],
      ['a fractional count', d => (d.count = 1.5), 'count'],
      ['a string count', d => (d.count = '3'), 'count'],
      ['a null firstSeen', d => (d.firstSeen = null), 'firstSeen'],
      [
        'an uppercase fingerprint',
        d => (d.fingerprint = String(d.fingerprint).toUpperCase()),
        'fingerprint',
      ],
      ['a path as fingerprint', d => (d.fingerprint = '../../etc/passwd'), 'fingerprint'],
      ['a short trace id', d => (d.trace.traceId = 'abc'), 'trace.traceId'],
      ['an uppercase trace id', d => (d.trace.traceId = 'A'.repeat(32)), 'trace.traceId'],
      ['an all-zero span id', d => (d.trace.spanId = '0'.repeat(16)), 'trace.spanId'],
      ['a trace without span id', d => delete d.trace.spanId, 'trace.spanId'],
      ['a string trace', d => (d.trace = 'abc'), 'trace'],
      ['a negative pid', d => (d.runtime.pid = -1), 'runtime.pid'],
      ['a runtime without hostname', d => delete d.runtime.hostname, 'runtime.hostname'],
      ['an array resource', d => (d.resource = []), 'resource'],
      ['a null extra', d => (d.extra = null), 'extra'],
      ['no exception', d => delete d.exception, 'exception'],
      ['no exception type', d => delete d.exception.type, 'exception.type'],
      ['a numeric message', d => (d.exception.message = 42), 'exception.message'],
      ['an unknown kind', d => (d.exception.kind = 'weird'), 'exception.kind'],
      ['a boolean code', d => (d.exception.code = true), 'exception.code'],
      ['a string errno', d => (d.exception.errno = '2'), 'exception.errno'],
      ['a string cause', d => (d.exception.cause = 'oops'), 'exception.cause'],
      ['an object as errors', d => (d.exception.errors = {}), 'exception.errors'],
      ['a member without type', d => delete d.exception.errors[0].type, 'exception.errors[0].type'],
      [
        'a bad line deep in the chain',
        d => (d.exception.cause.cause.frames[0].line = -1),
        'exception.cause.cause.frames[0].line',
      ],
      ['a string truncated', d => (d.exception.truncated = 'no'), 'exception.truncated'],
      ['no frames', d => delete d.frames, 'frames'],
      ['an object as frames', d => (d.frames = {}), 'frames'],
      ['a null frame', d => (d.frames[0] = null), 'frames[0]'],
      ['a fractional line', d => (d.frames[0].line = 1.5), 'frames[0].line'],
      ['a negative column', d => (d.frames[0].column = -1), 'frames[0].column'],
      ['an unsafe line', d => (d.frames[0].line = 2 ** 53), 'frames[0].line'],
      ['a string flag', d => (d.frames[0].async = 'true'), 'frames[0].async'],
      [
        'a null constructor flag',
        d => (d.frames[0].isConstructor = null),
        'frames[0].isConstructor',
      ],
      ['an array evalOrigin', d => (d.frames[0].evalOrigin = []), 'frames[0].evalOrigin'],
      ['a string eval line', d => (d.frames[2].evalOrigin.line = '3'), 'frames[2].evalOrigin.line'],
      [
        'a negative generated column',
        d => (d.frames[0].generated.column = -5),
        'frames[0].generated.column',
      ],
      [
        'a number among source lines',
        d => (d.frames[0].source.lines[2] = 7),
        'frames[0].source.lines[2]',
      ],
      [
        'a source without firstLine',
        d => delete d.frames[0].source.firstLine,
        'frames[0].source.firstLine',
      ],
      ['string locals', d => (d.frames[0].locals = 'x'), 'frames[0].locals'],
      ['a negative promiseIndex', d => (d.frames[1].promiseIndex = -1), 'frames[1].promiseIndex'],
      ['a numeric module', d => (d.frames[0].module = 5), 'frames[0].module'],
      ['a null inApp', d => (d.frames[0].inApp = null), 'frames[0].inApp'],
    ];
    for (const [label, mutate, field] of cases) {
      it(`should reject ${label} at ${field}`, () => {
        const document = validDocument();
        mutate(document);
        assert.equal(validateErrorInfo(document), false, 'the schema accepted it');
        assert.equal(fieldOfError(document), field);
        assert.equal(fieldOfError(JSON.parse(JSON.stringify(document))), field);
      });
    }
  });

  describe('field paths', () => {
    const cases: [string, string, string][] = [
      ['an identifier key', 'count', 'frames[0].locals.count'],
      ['a key with a space', 'a b', 'frames[0].locals["a b"]'],
      ['a key with a quote', 'say "hi"', 'frames[0].locals["say \\"hi\\""]'],
      ['an empty key', '', 'frames[0].locals[""]'],
      ['a huge key, clipped', 'k'.repeat(10_000), `frames[0].locals["${'k'.repeat(40)}…"]`],
    ];
    for (const [label, key, field] of cases) {
      it(`should name ${label} as ${field.slice(0, 60)}`, () => {
        const document = validDocument();
        document.frames[0].locals = { [key]: { nested: Object.create(Map.prototype) as unknown } };
        assert.equal(fieldOfError(document), `${field}.nested`);
      });
    }
  });

  describe('limits only fromDocument enforces', () => {
    it(`should reject a cause chain deeper than ${MAX_CHAIN_DEPTH}`, () => {
      const document = validDocument();
      let exception = document.exception;
      for (let level = 0; level <= MAX_CHAIN_DEPTH; level++) {
        exception.cause = { type: 'Error', message: `level ${level}` };
        exception = exception.cause;
      }
      assert.equal(validateErrorInfo(document), true);
      assert.equal(fieldOfError(document), `exception${'.cause'.repeat(MAX_CHAIN_DEPTH + 1)}`);
    });

    it('should reject a deeply nested hostile chain from text without overflowing the stack', () => {
      const depth = 100_000;
      const text =
        '{"$type":"errorinfo","$version":"2.0","name":"a","version":"b","timestamp":"2024-01-01T00:00:00Z","frames":[],"exception":' +
        '{"type":"E","message":"m","cause":'.repeat(depth) +
        'null' +
        '}'.repeat(depth + 1);
      assert.throws(() => fromJSON(text), ErrorInfoFormatError);
    });

    it(`should reject locals nested deeper than ${MAX_JSON_DEPTH}`, () => {
      const document = validDocument();
      document.frames[0].locals = {
        v: JSON.parse(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`),
      };
      assert.equal(validateErrorInfo(document), true);
      assert.match(fieldOfError(document), /^frames\[0\]\.locals\.v(\[0\]){63}$/);
    });

    it('should reject a day that does not exist', () => {
      const document = validDocument();
      document.lastSeen = '2023-02-29T00:00:00Z';
      assert.equal(validateErrorInfo(document), true);
      assert.equal(fieldOfError(document), 'lastSeen');
    });
  });

  describe('valid documents', () => {
    it('should fill every default of a minimal document', () => {
      assert.ok(validateErrorInfo(MINIMAL));
      const info = fromDocument(MINIMAL);
      assert.equal(info.fingerprint, null);
      assert.equal(info.count, 1);
      assert.equal(info.firstSeen.getTime(), info.timestamp.getTime());
      assert.notEqual(info.firstSeen, info.timestamp);
      assert.equal(info.lastSeen.getTime(), info.timestamp.getTime());
      assert.deepStrictEqual([info.rootModule, info.trace, info.runtime], [null, null, null]);
      assert.deepStrictEqual([info.resource, info.extra], [{}, {}]);
      assert.deepStrictEqual(info.exception, {
        type: 'Error',
        message: 'boom',
        kind: 'error',
        code: null,
        errno: null,
        syscall: null,
        path: null,
        stack: null,
        cause: null,
        errors: [],
        truncated: false,
      });
    });

    it('should read an empty frame and an empty chained exception with defaults', () => {
      const document = {
        ...MINIMAL,
        frames: [{}],
        exception: { type: 'E', message: 'm', cause: { type: 'C', message: '' } },
      };
      assert.ok(validateErrorInfo(document));
      const info = fromDocument(document);
      assert.deepStrictEqual(info.frames[0], {
        function: null,
        alias: null,
        file: null,
        line: null,
        column: null,
        async: false,
        isConstructor: false,
        native: false,
        eval: false,
        evalOrigin: null,
        promiseIndex: null,
        module: null,
        inApp: false,
        generated: null,
        source: null,
        locals: null,
      });
      assert.deepStrictEqual(info.exception.cause?.frames, []);
    });

    it('should read a newer minor version: unknown top-level fields into extra, nested ones ignored', () => {
      const document = {
        ...MINIMAL,
        $version: '2.17',
        extra: { kept: 1, clash: 'explicit wins' },
        clash: 'top level',
        newField: { nested: [1, 2] },
        frames: [{ line: 3, futureFlag: true }],
        exception: { type: 'E', message: 'm', futureDetail: 'x' },
      };
      assert.ok(validateErrorInfo(document));
      const info = fromDocument(document);
      assert.deepStrictEqual(info.extra, {
        kept: 1,
        clash: 'explicit wins',
        newField: { nested: [1, 2] },
      });
      assert.equal(Object.hasOwn(info.frames[0] ?? {}, 'futureFlag'), false);
      assert.equal(Object.hasOwn(info.exception, 'futureDetail'), false);
    });

    it('should validate unknown top-level fields like extra', () => {
      const document = { ...MINIMAL, newField: { list: [1, JSON.parse('[]')] } };
      document.newField.list[1] = Object.create(Map.prototype);
      assert.equal(fieldOfError(document), 'newField.list[1]');
    });

    const accepted: [string, Partial<Doc>][] = [
      ['an offset timestamp', { timestamp: '2024-05-01T12:30:00+02:30' }],
      ['a basic-format timestamp', { timestamp: '20240501T103000Z' }],
      ['a Gufo-style timestamp', { timestamp: '2022-03-22T07:21:29.215827+01:00' }],
      ['zero positions', { frames: [{ line: 0, column: 0, promiseIndex: 0 }] }],
      ['the largest safe line', { frames: [{ line: Number.MAX_SAFE_INTEGER }] }],
      [
        'a numeric code and a negative errno',
        { exception: { type: 'E', message: '', code: 1, errno: -4058 } },
      ],
      [
        'a fingerprint of any UUID version',
        { fingerprint: '00000000-0000-0000-0000-000000000000' },
      ],
    ];
    for (const [label, fields] of accepted) {
      it(`should accept ${label}, as the schema does`, () => {
        const document = { ...MINIMAL, ...fields };
        assert.ok(validateErrorInfo(document), JSON.stringify(validateErrorInfo.errors));
        assert.doesNotThrow(() => fromDocument(document));
      });
    }
  });

  describe('fromJSON input', () => {
    it('should ignore a leading byte order mark', () => {
      assert.equal(fromJSON(`\uFEFF${JSON.stringify(MINIMAL)}`).name, 'svc');
    });

    it('should refuse a non-string argument with the typed error', () => {
      assert.throws(() => fromJSON(Buffer.from('{}') as never), ErrorInfoFormatError);
    });

    it('should explain that 1.x is Gufo Err’s format', () => {
      const text = JSON.stringify({ $type: 'errorinfo', $version: '1.0', name: 'x' });
      assert.throws(() => fromJSON(text), /Gufo Err's Python format/);
    });
  });
});
