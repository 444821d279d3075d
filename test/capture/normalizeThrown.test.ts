import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getSystemErrorName } from 'node:util';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import {
  normalizeDefaults,
  normalizeThrown,
  type ExceptionFields,
} from '../../src/capture/normalizeThrown.ts';
import { TestAccessLog } from './TestAccessLog.ts';

/** Marks an expected `stack` that V8 formatted: a string with frames, whose exact text is the runtime's. */
const V8_STACK = Symbol('V8 stack');

type Expected = Omit<ExceptionFields, 'stack'> & { stack: string | null | typeof V8_STACK };

function expected(
  type: string,
  message: string,
  kind: ExceptionFields['kind'],
  extra: Partial<Expected> = {},
): Expected {
  const stack = kind === 'error' ? V8_STACK : null;
  return {
    type,
    message,
    kind,
    code: null,
    errno: null,
    syscall: null,
    path: null,
    stack,
    ...extra,
  };
}

function assertFields(actual: ExceptionFields, wanted: Expected): void {
  if (wanted.stack === V8_STACK) {
    assert.equal(typeof actual.stack, 'string');
    assert.match(actual.stack ?? '', /\n {4}at /);
    assert.deepEqual({ ...actual, stack: V8_STACK }, wanted);
  } else {
    assert.deepEqual(actual, wanted);
  }
}

interface Case {
  name: string;
  make: (log: TestAccessLog) => unknown;
  want: Expected;
  /** The value is the `error` of the result (else `error` is `null`). */
  isError?: boolean;
}

function throwing(message = 'hostile'): () => never {
  return () => {
    throw new Error(message);
  };
}

const TEN_MB = 10 * 1024 * 1024;
const clipMarker = (total: number, kept: number) => `… [${total - kept} more chars]`;

function oldStyleError(): unknown {
  function OldError(this: { message: string }, message: string) {
    this.message = message;
    Error.captureStackTrace(this, OldError);
  }
  OldError.prototype = Object.create(Error.prototype) as object;
  Object.assign(OldError.prototype, { name: 'OldError', constructor: OldError });
  return new (OldError as unknown as new (message: string) => object)('legacy');
}

const cases: Case[] = [
  {
    name: 'an Error',
    make: () => new Error('boom'),
    want: expected('Error', 'boom', 'error'),
    isError: true,
  },
  {
    name: 'a TypeError',
    make: () => new TypeError('bad'),
    want: expected('TypeError', 'bad', 'error'),
    isError: true,
  },
  {
    name: 'a subclass that keeps the inherited name',
    make: () => new (class DbError extends Error {})('down'),
    want: expected('DbError', 'down', 'error'),
    isError: true,
  },
  {
    name: 'a subclass that sets its name',
    make: () => Object.assign(new (class DbError extends Error {})('down'), { name: 'DbFailure' }),
    want: expected('DbFailure', 'down', 'error'),
    isError: true,
  },
  {
    name: 'an error with an empty name',
    make: () => Object.assign(new RangeError('r'), { name: '' }),
    want: expected('RangeError', 'r', 'error'),
    isError: true,
  },
  {
    name: 'an error from another realm',
    make: () => runInNewContext('new TypeError("x")') as unknown,
    want: expected('TypeError', 'x', 'error'),
    isError: true,
  },
  {
    name: 'a DOMException',
    make: () => new DOMException('stop', 'AbortError'),
    want: expected('AbortError', 'stop', 'error', { code: 20 }),
    isError: true,
  },
  {
    name: 'a pre-class error (prototype + captureStackTrace, no brand)',
    make: oldStyleError,
    want: expected('OldError', 'legacy', 'error'),
    isError: true,
  },
  {
    name: 'an error rebuilt from JSON',
    make: () => ({
      name: 'RemoteError',
      message: 'm',
      stack: 'RemoteError: m\n    at f (/a.js:1:2)',
    }),
    want: expected('RemoteError', 'm', 'error', { stack: 'RemoteError: m\n    at f (/a.js:1:2)' }),
    isError: true,
  },
  {
    name: 'an error-shaped JSON object named Error',
    make: () => ({ name: 'Error', message: 'm', stack: 'Error: m' }),
    want: expected('Error', 'm', 'error', { stack: 'Error: m' }),
    isError: true,
  },
  {
    name: 'an Error whose every getter throws',
    make: log => {
      const error = new Error('hidden');
      for (const key of ['name', 'message', 'stack', 'cause', 'errors', 'constructor', 'code']) {
        log.getter(error, key, throwing());
      }
      return error;
    },
    want: expected('Error', '', 'error', { stack: null }),
    isError: true,
  },
  {
    name: 'an Error whose getters return non-strings',
    make: log => {
      const error = new TypeError('x');
      log.getter(error, 'name', () => 42);
      log.getter(error, 'message', () => 7);
      log.getter(error, 'stack', () => ({ lines: [] }));
      log.getter(error, 'code', () => ({ nested: true }));
      log.getter(error, 'errno', () => '-2');
      log.getter(error, 'syscall', () => 3);
      return error;
    },
    want: expected('TypeError', '7', 'error', { stack: null }),
    isError: true,
  },
  {
    name: 'an Error with an object message',
    make: () => Object.assign(new Error(), { message: { text: 'no' } }),
    want: expected('Error', '', 'error'),
    isError: true,
  },
  {
    name: 'an Error with a NaN code',
    make: () => Object.assign(new Error('n'), { code: Number.NaN, errno: Infinity }),
    want: expected('Error', 'n', 'error'),
    isError: true,
  },
  {
    name: 'an Error with a numeric code',
    make: () => Object.assign(new Error('n'), { code: 503 }),
    want: expected('Error', 'n', 'error', { code: 503 }),
    isError: true,
  },
  {
    name: 'an Error with a 10 MB message',
    make: () => new Error('a'.repeat(TEN_MB)),
    want: expected('Error', 'a'.repeat(8192) + clipMarker(TEN_MB, 8192), 'error'),
    isError: true,
  },
  {
    name: 'an Error with a 2000-character name',
    make: () => Object.assign(new Error('m'), { name: 'N'.repeat(2000) }),
    want: expected('N'.repeat(1024) + clipMarker(2000, 1024), 'm', 'error'),
    isError: true,
  },
  { name: 'a string', make: () => 'oops', want: expected('string', 'oops', 'string') },
  { name: 'an empty string', make: () => '', want: expected('string', '', 'string') },
  {
    name: 'a 10 MB string',
    make: () => 'b'.repeat(TEN_MB),
    want: expected('string', 'b'.repeat(8192) + clipMarker(TEN_MB, 8192), 'string'),
  },
  {
    name: 'a string whose cut falls inside a surrogate pair',
    make: () => 'a'.repeat(8191) + '😀😀',
    want: expected('string', 'a'.repeat(8191) + clipMarker(8195, 8191), 'string'),
  },
  { name: 'a number', make: () => 42, want: expected('number', '42', 'number') },
  { name: 'negative zero', make: () => -0, want: expected('number', '-0', 'number') },
  { name: 'NaN', make: () => Number.NaN, want: expected('number', 'NaN', 'number') },
  {
    name: 'a BigInt',
    make: () => 10n ** 30n,
    want: expected('bigint', '1' + '0'.repeat(30), 'bigint'),
  },
  { name: 'true', make: () => true, want: expected('boolean', 'true', 'boolean') },
  { name: 'false', make: () => false, want: expected('boolean', 'false', 'boolean') },
  {
    name: 'undefined',
    make: () => undefined,
    want: expected('undefined', 'undefined', 'undefined'),
  },
  { name: 'null', make: () => null, want: expected('null', 'null', 'null') },
  {
    name: 'a Symbol',
    make: () => Symbol('tag'),
    want: expected('symbol', 'Symbol(tag)', 'symbol'),
  },
  {
    name: 'a Symbol without description',
    make: () => Symbol(),
    want: expected('symbol', 'Symbol()', 'symbol'),
  },
  {
    name: 'a plain object',
    make: () => ({ status: 404, reason: 'nope', big: 5n, list: [1], inner: {}, fn() {} }),
    want: expected(
      'Object',
      '{ status: 404, reason: "nope", big: 5n, list: [Array], inner: [Object], fn: [Function] }',
      'object',
    ),
  },
  {
    name: 'a plain object with message and code',
    make: () => ({
      message: 'bad request',
      code: 'E_BAD',
      errno: 4,
      syscall: 'connect',
      path: '/x',
    }),
    want: expected('Object', 'bad request', 'object', {
      code: 'E_BAD',
      errno: 4,
      syscall: 'connect',
      path: '/x',
    }),
  },
  {
    name: 'an error-shaped object without a stack',
    make: () => ({ name: 'ValidationError', message: 'field x' }),
    want: expected('ValidationError', 'field x', 'object'),
  },
  {
    name: 'a record whose name is data',
    make: () => ({ name: 'Alice', age: 3 }),
    want: expected('Object', '{ name: "Alice", age: 3 }', 'object'),
  },
  {
    name: 'an object with 12 keys and odd key names',
    make: () => ({
      'a-b': 1,
      ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])),
    }),
    want: expected(
      'Object',
      '{ "a-b": 1, k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, … }',
      'object',
    ),
  },
  {
    name: 'an object with a long nested string',
    make: () => ({ s: 'x'.repeat(150) }),
    want: expected('Object', `{ s: "${'x'.repeat(100)}… [50 more chars]" }`, 'object'),
  },
  {
    name: 'an empty object',
    make: () => ({}),
    want: expected('Object', '[object Object]', 'object'),
  },
  {
    name: 'an array',
    make: () => [1, 'a', null],
    want: expected('Array', '[ 1, "a", null ]', 'object'),
  },
  { name: 'a Date', make: () => new Date(0), want: expected('Date', '[object Date]', 'object') },
  {
    name: 'a Promise',
    make: () => Promise.resolve(1),
    want: expected('Promise', '[object Promise]', 'object'),
  },
  {
    name: 'a class instance',
    make: () =>
      new (class Foo {
        x = 1;
      })(),
    want: expected('Foo', '{ x: 1 }', 'object'),
  },
  {
    name: 'an object with a null prototype',
    make: () => Object.assign(Object.create(null) as object, { a: 1 }),
    want: expected('Object', '{ a: 1 }', 'object'),
  },
  {
    name: 'an empty object with a null prototype',
    make: () => Object.create(null) as unknown,
    want: expected('Object', '[object Object]', 'object'),
  },
  {
    name: 'an object whose toString, toPrimitive, toJSON, inspect and toStringTag throw',
    make: log => {
      const value = {
        toString: log.method('toString', throwing()),
        toJSON: log.method('toJSON', throwing()),
        [Symbol.toPrimitive]: log.method('toPrimitive', throwing()),
        [Symbol.for('nodejs.util.inspect.custom')]: log.method('inspect', throwing()),
      };
      return log.getter(value, Symbol.toStringTag, throwing());
    },
    want: expected('Object', '{ toString: [Function], toJSON: [Function] }', 'object'),
  },
  {
    name: 'an object whose getters would throw',
    make: log => {
      const value = {};
      Object.defineProperty(value, 'secret', {
        enumerable: true,
        get: log.method('secret', throwing()),
      });
      Object.defineProperty(value, 'both', {
        enumerable: true,
        get: () => 1,
        set: () => undefined,
      });
      Object.defineProperty(value, 'setOnly', { enumerable: true, set: () => undefined });
      return value;
    },
    want: expected(
      'Object',
      '{ secret: [Getter], both: [Getter/Setter], setOnly: [Setter] }',
      'object',
    ),
  },
  {
    name: 'an object whose constructor getter throws',
    make: log => log.getter({ a: 1 }, 'constructor', throwing()),
    want: expected('Object', '{ a: 1 }', 'object'),
  },
  {
    name: 'an object whose constructor name getter throws',
    make: log => {
      class Named {}
      log.getter(Named, 'name', throwing());
      return new Named();
    },
    want: expected('Object', '[object Object]', 'object'),
  },
  {
    name: 'a revoked Proxy',
    make: () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
    want: expected('Object', '[object Object]', 'object'),
  },
  {
    name: 'a Proxy whose every trap throws',
    make: log => new Proxy({}, log.traps('proxy', throwing())),
    want: expected('Object', '[object Object]', 'object'),
  },
  {
    name: 'a Proxy over an Error that forwards reads',
    make: log => {
      const target = new SyntaxError('proxied');
      return new Proxy(
        target,
        log.traps('proxy', (trap, key) => {
          if (trap === 'get') return Reflect.get(target, key as PropertyKey);
          if (trap === 'has') return Reflect.has(target, key as PropertyKey);
          throw new Error('unexpected trap');
        }),
      );
    },
    want: expected('SyntaxError', 'proxied', 'error'),
    isError: true,
  },
  {
    name: 'a transparent Proxy over an Error (V8 hides the stack from the Proxy receiver)',
    make: () => new Proxy(new Error('x'), {}),
    want: expected('Error', 'x', 'object'),
  },
  {
    name: 'a named function',
    make: () => function foo() {},
    want: expected('function', '[Function: foo]', 'function'),
  },
  {
    name: 'a class',
    make: () => class Foo {},
    want: expected('function', '[Function: Foo]', 'function'),
  },
  {
    name: 'an anonymous function',
    make: () => [() => 1][0],
    want: expected('function', '[Function (anonymous)]', 'function'),
  },
  {
    name: 'a function whose name getter throws',
    make: log => log.getter(function named() {}, 'name', throwing()),
    want: expected('function', '[Function (anonymous)]', 'function'),
  },
];

describe('normalizeThrown', () => {
  describe('hostile thrown values', () => {
    for (const { name, make, want, isError } of cases) {
      it(`should normalise ${name} without running a getter twice or any user method`, () => {
        const log = new TestAccessLog();
        const value = make(log);
        const result = normalizeThrown(value);
        assertFields(result.exception, want);
        assert.equal(result.error, isError === true ? value : null);
        assert.deepEqual(log.repeated(), []);
        assert.deepEqual(log.calls(), []);
      });
    }
  });

  describe('getter accounting', () => {
    it('should read each hostile getter of an error exactly once', () => {
      const log = new TestAccessLog();
      const keys = ['name', 'message', 'stack', 'cause', 'errors', 'constructor', 'code', 'errno'];
      const error = new Error('hidden');
      for (const key of keys) log.getter(error, key, throwing());
      normalizeThrown(error);
      assert.deepEqual(
        keys.map(key => log.count(`get ${key}`)),
        keys.map(() => 1),
      );
    });

    it('should run each Proxy trap at most once per key', () => {
      const log = new TestAccessLog();
      normalizeThrown(new Proxy({ a: 1 }, log.traps('p', throwing())));
      assert.equal(log.count('p get name'), 1);
      assert.equal(log.count('p ownKeys undefined'), 1);
      assert.deepEqual(log.repeated(), []);
    });
  });

  describe('system errors', () => {
    it('should keep code, errno, syscall and path, with the type staying Error', () => {
      let thrown: unknown;
      try {
        readFileSync('/nonexistent');
      } catch (error) {
        thrown = error;
      }
      const { exception } = normalizeThrown(thrown);
      assert.equal(getSystemErrorName(exception.errno ?? 0), 'ENOENT');
      assertFields(
        exception,
        expected('Error', "ENOENT: no such file or directory, open '/nonexistent'", 'error', {
          code: 'ENOENT',
          errno: exception.errno,
          syscall: 'open',
          path: '/nonexistent',
        }),
      );
    });
  });

  describe('cause', () => {
    const causes: [string, () => object, boolean, unknown][] = [
      ['an Error cause', () => new Error('top', { cause: 'why' }), true, 'why'],
      [
        'an explicit undefined cause',
        () => new Error('top', { cause: undefined }),
        true,
        undefined,
      ],
      [
        'an object cause on a plain object',
        () => ({ message: 'm', cause: { a: 1 } }),
        true,
        { a: 1 },
      ],
      ['no cause', () => new Error('top'), false, undefined],
      ['an inherited cause', () => Object.create({ cause: 'proto' }) as object, true, 'proto'],
    ];
    for (const [name, make, hasCause, cause] of causes) {
      it(`should report ${name}`, () => {
        const result = normalizeThrown(make());
        assert.equal(result.hasCause, hasCause);
        assert.deepEqual(result.cause, cause);
      });
    }

    it('should treat a throwing cause getter as no cause, reading it once', () => {
      const log = new TestAccessLog();
      const result = normalizeThrown(log.getter(new Error('top'), 'cause', throwing()));
      assert.equal(result.hasCause, false);
      assert.equal(result.cause, undefined);
      assert.equal(log.count('get cause'), 1);
    });

    it('should keep an Error cause as the same object', () => {
      const inner = new Error('inner');
      assert.equal(normalizeThrown(new Error('top', { cause: inner })).cause, inner);
    });
  });

  describe('members', () => {
    it('should list AggregateError.errors in order', () => {
      const members = [new Error('a'), 'b', null];
      const result = normalizeThrown(new AggregateError(members, 'agg'));
      assert.deepEqual(result.members, members);
      assert.equal(result.membersOmitted, 0);
      assert.equal(result.exception.type, 'AggregateError');
    });

    it('should read at most maxMembers and count the rest', () => {
      const members = Array.from({ length: 20 }, (_, i) => i);
      const result = normalizeThrown(new AggregateError(members), { maxMembers: 3 });
      assert.deepEqual(result.members, [0, 1, 2]);
      assert.equal(result.membersOmitted, 17);
    });

    it('should drop and count members whose getter throws', () => {
      const errors = [1, 2, 3];
      Object.defineProperty(errors, 1, { get: throwing() });
      const result = normalizeThrown(Object.assign(new Error('e'), { errors }));
      assert.deepEqual(result.members, [1, 3]);
      assert.equal(result.membersOmitted, 1);
    });

    it('should ignore errors that are not an array, or a revoked Proxy', () => {
      const { proxy, revoke } = Proxy.revocable([], {});
      revoke();
      for (const errors of ['x', { 0: 'a', length: 1 }, proxy]) {
        const result = normalizeThrown(Object.assign(new Error('e'), { errors }));
        assert.deepEqual(result.members, []);
        assert.equal(result.membersOmitted, 0);
      }
    });

    it('should not read members of non-errors', () => {
      assert.deepEqual(normalizeThrown({ message: 'm', errors: [1] }).members, []);
    });

    it(
      'should list a SuppressedError error then suppressed',
      { skip: typeof SuppressedError !== 'function' },
      () => {
        const error = new Error('disposal failed');
        const suppressed = new Error('original');
        const result = normalizeThrown(new SuppressedError(error, suppressed, 'both'));
        assert.deepEqual(result.members, [error, suppressed]);
        assert.equal(result.exception.type, 'SuppressedError');
        assert.equal(result.exception.message, 'both');
      },
    );
  });

  describe('limits', () => {
    it('should clip a message at a custom maxMessageLength', () => {
      assert.equal(
        normalizeThrown('abcdef', { maxMessageLength: 2 }).exception.message,
        'ab… [4 more chars]',
      );
      assert.equal(
        normalizeThrown('abcdef', { maxMessageLength: 0 }).exception.message,
        '… [6 more chars]',
      );
    });

    it('should clip a huge stack header like the message and keep whole frame lines', () => {
      const stack = `Error: ${'m'.repeat(50)}\n    at a (/a.js:1:1)\n    at b (/b.js:2:2)\n    at c (/c.js:3:3)`;
      const value = { name: 'Error', message: 'm', stack };
      const { exception } = normalizeThrown(value, { maxMessageLength: 10, maxStackLength: 45 });
      assert.equal(
        exception.stack,
        'Error: mmm… [47 more chars]\n    at a (/a.js:1:1)\n    at b (/b.js:2:2)\n    … [21 more chars]',
      );
    });

    it('should clip a 10 MB V8 stack to the limits', () => {
      const { exception } = normalizeThrown(new Error('z'.repeat(TEN_MB)));
      const stack = exception.stack ?? '';
      assert.ok(
        stack.length < normalizeDefaults.maxMessageLength + normalizeDefaults.maxStackLength + 100,
      );
      assert.match(stack, /^Error: z+… \[\d+ more chars\]\n {4}at /);
    });

    it('should leave a stack within maxStackLength untouched', () => {
      const value = { name: 'E', message: 'm', stack: 'E: m\n    at x (/x.js:1:1)' };
      assert.equal(normalizeThrown(value).exception.stack, value.stack);
    });

    it('should fall back to defaults and warn on invalid options', () => {
      const warnings: string[] = [];
      const logger: DiagLogger = {
        error: () => undefined,
        warn: (message: string) => void warnings.push(message),
        info: () => undefined,
        debug: () => undefined,
        verbose: () => undefined,
      };
      diag.setLogger(logger, DiagLogLevel.WARN);
      try {
        const { exception } = normalizeThrown('x'.repeat(9000), {
          maxMessageLength: -1,
          maxMembers: Number.NaN,
        });
        assert.equal(exception.message.length, 8192 + clipMarker(9000, 8192).length);
        assert.deepEqual(warnings, [
          'normalizeThrown: invalid maxMessageLength -1, using 8192',
          'normalizeThrown: invalid maxMembers NaN, using 16',
        ]);
      } finally {
        diag.disable();
      }
    });

    it('should keep the kind alone when the options themselves throw', () => {
      const options = {};
      Object.defineProperty(options, 'maxMessageLength', { enumerable: true, get: throwing() });
      const result = normalizeThrown(new Error('e'), options);
      assert.deepEqual(result.exception, {
        type: 'Object',
        message: '',
        kind: 'object',
        code: null,
        errno: null,
        syscall: null,
        path: null,
        stack: null,
      });
      assert.equal(result.error, null);
    });
  });

  describe('fuzz', () => {
    it('should never throw and always return well-typed fields', () => {
      const kinds = new Set([
        'error',
        'object',
        'string',
        'number',
        'bigint',
        'boolean',
        'symbol',
        'undefined',
        'null',
        'function',
      ]);
      const thrown = fc.oneof(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withBoxedValues: true,
          withObjectString: true,
        }),
        fc.record({
          name: fc.anything(),
          message: fc.anything(),
          stack: fc.anything(),
          cause: fc.anything(),
          code: fc.anything(),
        }),
        fc
          .tuple(fc.string(), fc.anything())
          .map(([message, cause]) => new Error(message, { cause })),
        fc.array(fc.anything(), { maxLength: 30 }).map(errors => new AggregateError(errors)),
      );
      fc.assert(
        fc.property(thrown, fc.nat({ max: 40 }), (value, max) => {
          const result = normalizeThrown(value, {
            maxMessageLength: max,
            maxFieldLength: max,
            maxMembers: max,
          });
          const { exception } = result;
          assert.ok(kinds.has(exception.kind));
          assert.equal(typeof exception.type, 'string');
          assert.ok(exception.type.length > 0);
          assert.equal(typeof exception.message, 'string');
          assert.ok(exception.message.length <= max + 30);
          assert.ok(exception.stack === null || typeof exception.stack === 'string');
          assert.ok(
            exception.code === null || ['string', 'number'].includes(typeof exception.code),
          );
          assert.ok(result.members.length <= max);
          assert.equal(result.error === null, exception.kind !== 'error');
        }),
        { seed: 20240611, numRuns: 400 },
      );
    });
  });
});
