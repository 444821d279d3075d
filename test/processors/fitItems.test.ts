import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fitItems } from '../../processors/fitItems.ts';

describe('fitItems', () => {
  describe('scenarios', () => {
    const items = [['"aaaa"'], ['"bbbbbbbb"', '"b"'], ['"cc"']];
    const cases: { max: number; expected: { json: string; complete: boolean } | null }[] = [
      { max: 100, expected: { json: '["aaaa","bbbbbbbb","cc"]', complete: true } },
      { max: 20, expected: { json: '["aaaa","bbbbbbbb"]', complete: false } },
      { max: 17, expected: { json: '["aaaa","b","cc"]', complete: false } },
      { max: 12, expected: { json: '["aaaa","b"]', complete: false } },
      { max: 8, expected: { json: '["aaaa"]', complete: false } },
      { max: 7, expected: null },
    ];
    for (const { max, expected } of cases) {
      it(`should fit into ${max} characters`, () => {
        assert.deepEqual(fitItems(items, max), expected);
      });
    }

    it('should stop at the first item that fits in no variant', () => {
      assert.deepEqual(fitItems([['1'], ['22222222'], ['3']], 6), { json: '[1]', complete: false });
    });
  });

  describe('property', () => {
    it('should always give a JSON array prefix within the limit', () => {
      fc.assert(
        fc.property(
          fc.array(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
          fc.integer({ min: 0, max: 400 }),
          (values, max) => {
            const items = values.map(variants => variants.map(value => JSON.stringify(value)));
            const fitted = fitItems(items, max);
            if (fitted === null) return;
            assert.ok(fitted.json.length <= max);
            const parsed = JSON.parse(fitted.json) as unknown[];
            assert.ok(parsed.length >= 1 && parsed.length <= items.length);
          },
        ),
        { seed: 7, numRuns: 300 },
      );
    });
  });
});
