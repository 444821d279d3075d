import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { types } from 'node:util';
import { runInNewContext } from 'node:vm';
import { isErrorLike, selectBrandCheck } from '../../src/capture/isErrorLike.ts';
import { readOnce } from '../../src/capture/safeGet.ts';
import { TestAccessLog } from './TestAccessLog.ts';

function legacyError(): object {
  const error = Object.create(Error.prototype) as { message: string };
  error.message = 'legacy';
  Error.captureStackTrace(error);
  return error;
}

const table: [string, () => unknown, boolean][] = [
  ['an Error', () => new Error('x'), true],
  ['a subclass instance', () => new (class E extends TypeError {})(), true],
  ['an error from another realm', () => runInNewContext('new RangeError("r")') as unknown, true],
  ['a DOMException', () => new DOMException('m'), true],
  ['an AggregateError', () => new AggregateError([]), true],
  ['a legacy error (Error.prototype + captureStackTrace)', legacyError, true],
  ['an error-shaped object', () => ({ name: 'E', message: 'm', stack: 'E: m' }), true],
  ['an object without a stack', () => ({ name: 'E', message: 'm' }), false],
  ['an object with a non-string name', () => ({ name: 1, message: 'm', stack: 's' }), false],
  [
    'Object.create(Error.prototype) without a stack',
    () => Object.create(Error.prototype) as object,
    false,
  ],
  [
    'a function with error fields',
    () => Object.assign(() => 1, { message: 'm', stack: 's' }),
    false,
  ],
  ['a string', () => 'Error: x', false],
  ['null', () => null, false],
  ['undefined', () => undefined, false],
  [
    'a revoked Proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable(new Error('x'), {});
      revoke();
      return proxy;
    },
    false,
  ],
  // V8's `stack` accessor answers undefined when the receiver is a Proxy, so the shape rule fails.
  ['a transparent Proxy over an Error', () => new Proxy(new Error('x'), {}), false],
  [
    'a Proxy that forwards reads to its Error',
    () => {
      const target = new Error('x');
      return new Proxy(target, { get: (_, key) => Reflect.get(target, key) as unknown });
    },
    true,
  ],
  [
    'a Proxy whose traps throw',
    () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('t');
          },
        },
      ),
    false,
  ],
];

describe('isErrorLike', () => {
  describe('detection', () => {
    for (const [name, make, expected] of table) {
      it(`should answer ${expected} for ${name}`, () => {
        assert.equal(isErrorLike(make()), expected);
      });
    }
  });

  describe('property reads', () => {
    it('should read no property of a branded error', () => {
      const log = new TestAccessLog();
      const error = new Error('x');
      for (const key of ['name', 'message', 'stack']) log.getter(error, key, () => 'v');
      assert.equal(isErrorLike(error), true);
      assert.deepEqual(
        ['name', 'message', 'stack'].map(key => log.count(`get ${key}`)),
        [0, 0, 0],
      );
    });

    it('should share reads with the caller through the reader it is given', () => {
      const log = new TestAccessLog();
      const value = {};
      for (const key of ['name', 'message', 'stack']) log.getter(value, key, () => 'v');
      const read = readOnce(value);
      assert.equal(isErrorLike(value, read), true);
      assert.equal(read('name'), 'v');
      assert.deepEqual(log.repeated(), []);
    });
  });

  describe('selectBrandCheck', () => {
    it('should use Error.isError when the runtime has it', () => {
      const isError = (value: unknown) => value === 'branded';
      assert.equal(selectBrandCheck(isError), isError);
    });

    it('should fall back to util.types.isNativeError (Node 22)', () => {
      const check = selectBrandCheck(undefined);
      assert.equal(check, types.isNativeError);
      assert.equal(check(runInNewContext('new Error("x")')), true);
      assert.equal(check({ name: 'E', message: 'm', stack: 's' }), false);
    });
  });
});
