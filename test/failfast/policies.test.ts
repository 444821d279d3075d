import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import { failFastAlways, failFastNever, failFastOn } from '../../src/failfast/policies.ts';

class DatabaseError extends Error {
  override name = 'DatabaseError';
}
class PoolExhausted extends DatabaseError {}
/** A class whose instances keep the default `name` ('Error'): only the class chain says what it is. */
class Unnamed extends RangeError {}

const decide = (policy: ReturnType<typeof failFastOn>, error: unknown) =>
  policy.check(error, captureErrorInfo(error, { sourceContext: 'none' }));

describe('fail-fast policies', () => {
  describe('failFastAlways and failFastNever', () => {
    it('should always, and never, trigger, whatever was thrown', () => {
      for (const thrown of [new Error('x'), 'text', null, 42]) {
        assert.equal(decide(failFastAlways(), thrown), true);
        assert.equal(decide(failFastNever(), thrown), false);
      }
      assert.equal(String(failFastAlways()), 'failFastAlways()');
      assert.equal(String(failFastNever()), 'failFastNever()');
    });
  });

  describe('failFastOn(class)', () => {
    // [thrown, class, expected]
    const cases: [string, unknown, abstract new (...args: never[]) => unknown, boolean][] = [
      ['the class itself', new DatabaseError('down'), DatabaseError, true],
      ['a subclass (instanceof)', new PoolExhausted('full'), DatabaseError, true],
      ['a superclass instance', new DatabaseError('down'), PoolExhausted, false],
      ['a built-in', new TypeError('t'), TypeError, true],
      ['another built-in', new TypeError('t'), RangeError, false],
      ['a thrown string', 'TypeError', TypeError, false],
      ['null', null, Error, false],
    ];
    for (const [label, thrown, type, expected] of cases) {
      it(`should ${expected ? '' : 'not '}match ${label}`, () => {
        assert.equal(decide(failFastOn(type), thrown), expected);
      });
    }
  });

  describe('failFastOn(name)', () => {
    const cases: [string, unknown, string, boolean][] = [
      ['the report type', new TypeError('t'), 'TypeError', true],
      ['a custom name property', new DatabaseError('down'), 'DatabaseError', true],
      ['a subclass by its parent class name', new PoolExhausted('full'), 'DatabaseError', true],
      ['a class name that is not the error name', new Unnamed('u'), 'Unnamed', true],
      ['a built-in ancestor', new Unnamed('u'), 'RangeError', true],
      ['another type', new TypeError('t'), 'RangeError', false],
      ['the kind of a non-error', 'plain text', 'string', true],
      ['a string that looks like the name', 'TypeError', 'TypeError', false],
      ['an object with that name', { name: 'DatabaseError', message: 'm' }, 'DatabaseError', true],
    ];
    for (const [label, thrown, name, expected] of cases) {
      it(`should ${expected ? '' : 'not '}match ${label}`, () => {
        assert.equal(decide(failFastOn(name), thrown), expected);
      });
    }

    it('should survive errors whose name getter throws', () => {
      const hostile = new Error('hostile');
      Object.defineProperty(hostile, 'name', {
        get() {
          throw new Error('getter');
        },
      });
      const info = captureErrorInfo(new Error('stand-in'), { sourceContext: 'none' });
      assert.equal(failFastOn('Nothing').check(hostile, info), false);
    });
  });

  describe('failFastOn with a message', () => {
    it('should need both the type and the message to match', () => {
      const policy = failFastOn(TypeError, { message: /^fatal:/ });
      assert.equal(decide(policy, new TypeError('fatal: gone')), true);
      assert.equal(decide(policy, new TypeError('recoverable')), false);
      assert.equal(decide(policy, new RangeError('fatal: gone')), false);
    });

    it('should give the same answer every time for a global RegExp', () => {
      const policy = failFastOn(Error, { message: /gone/g });
      const error = new Error('db gone');
      assert.deepEqual(
        [1, 2, 3].map(() => decide(policy, error)),
        [true, true, true],
      );
    });

    it('should take a string as a substring', () => {
      const policy = failFastOn('Error', { message: 'ECONN' });
      assert.equal(decide(policy, new Error('connect ECONNREFUSED')), true);
      assert.equal(decide(policy, new Error('timeout')), false);
    });

    it('should describe itself for the logs', () => {
      assert.equal(String(failFastOn(TypeError, { message: /x/i })), 'failFastOn(TypeError, /x/i)');
      assert.equal(String(failFastOn('DatabaseError')), 'failFastOn("DatabaseError")');
    });
  });

  describe('failFastOn with bad arguments', () => {
    const cases: [string, () => unknown, RegExp][] = [
      ['an empty name', () => failFastOn(''), /type must be an Error class or a non-empty/],
      ['a number', () => failFastOn(42 as unknown as string), /not 42/],
      [
        'a bad message',
        () => failFastOn(Error, { message: 42 as unknown as string }),
        /message must be a RegExp or a string, not 42/,
      ],
    ];
    for (const [label, call, message] of cases) {
      it(`should throw a TypeError for ${label}`, () => {
        assert.throws(
          call,
          (error: unknown) => error instanceof TypeError && message.test(error.message),
        );
      });
    }
  });
});
