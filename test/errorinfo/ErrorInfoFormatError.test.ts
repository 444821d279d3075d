import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorInfoFormatError } from '../../src/errorinfo/ErrorInfoFormatError.ts';

describe('ErrorInfoFormatError', () => {
  describe('construction', () => {
    it('should carry a stable name, the field, the short message and the cause', () => {
      const cause = new SyntaxError('bad');
      const error = new ErrorInfoFormatError('frames[3].line', 'expected a number', {
        received: 'x',
        cause,
      });
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'ErrorInfoFormatError');
      assert.equal(error.field, 'frames[3].line');
      assert.equal(error.shortMessage, 'expected a number');
      assert.equal(error.cause, cause);
      assert.equal(
        error.message,
        'Invalid ErrorInfo at frames[3].line: expected a number (received "x")',
      );
    });

    it('should print its name in the stack header', () => {
      const error = new ErrorInfoFormatError('$', 'bad');
      assert.match(error.stack ?? '', /^ErrorInfoFormatError: Invalid ErrorInfo at \$: bad\n/);
    });

    it('should leave the received value and the cause out when not given', () => {
      const error = new ErrorInfoFormatError('name', 'is required');
      assert.equal(error.message, 'Invalid ErrorInfo at name: is required');
      assert.equal(Object.hasOwn(error, 'cause'), false);
    });

    it('should show an explicitly undefined received value', () => {
      const error = new ErrorInfoFormatError('name', 'expected a string', { received: undefined });
      assert.equal(
        error.message,
        'Invalid ErrorInfo at name: expected a string (received undefined)',
      );
    });
  });

  describe('received value rendering', () => {
    const cases: [string, unknown, string][] = [
      ['null', null, 'null'],
      ['a number', -1.5, '-1.5'],
      ['NaN', Number.NaN, 'NaN'],
      ['a boolean', true, 'true'],
      ['a bigint', 12n, '12n'],
      ['an array', [1, 2, 3], 'an array of 3'],
      ['an object', { a: 1 }, 'an object'],
      ['a Date', new Date(0), 'a Date'],
      ['a symbol', Symbol('s'), 'a symbol'],
      ['a function', () => 1, 'a function'],
      ['a short string', 'ab"c', '"ab\\"c"'],
    ];
    for (const [label, value, rendered] of cases) {
      it(`should render ${label} as ${rendered}`, () => {
        const error = new ErrorInfoFormatError('x', 'bad', { received: value });
        assert.equal(error.message, `Invalid ErrorInfo at x: bad (received ${rendered})`);
      });
    }

    it('should clip a long string to a bounded length', () => {
      const error = new ErrorInfoFormatError('x', 'bad', { received: 'y'.repeat(100_000) });
      assert.ok(error.message.length < 120, error.message);
      assert.ok(error.message.endsWith('…)'));
    });
  });
});
