import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fit, fitStart, isoMillis, isoSeconds } from '../../../src/cli/list/cells.ts';

describe('cells', () => {
  describe('isoSeconds', () => {
    it('should agree with Date#toISOString over the years 1970–9999 (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 253402300799999 }), ms => {
          assert.equal(isoSeconds(ms), `${new Date(ms).toISOString().slice(0, 19)}Z`);
        }),
        { seed: 3, numRuns: 5000 },
      );
    });

    const edges: readonly [number, string | null][] = [
      [-1000, '1969-12-31T23:59:59Z'],
      [253402300800000, '+010000-01-01T00:00:00.000Z'],
      [8.64e15 + 1, null],
      [Number.NaN, null],
    ];
    for (const [ms, expected] of edges) {
      it(`should print ${ms} as ${String(expected)}`, () => assert.equal(isoSeconds(ms), expected));
    }

    it('should print impossible times as null in JSON', () => assert.equal(isoMillis(-9e15), null));
  });

  describe('fit and fitStart', () => {
    it('should pad, or clip the end (text) or the start (paths) with an ellipsis', () => {
      assert.equal(fit('abc', 5), 'abc  ');
      assert.equal(fit('abcdef', 5), 'abcd…');
      assert.equal(fitStart('/a/b/c/d.ts', 6), '…/d.ts');
      assert.equal(fitStart('abc', 1), 'c');
    });
  });
});
