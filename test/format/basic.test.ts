import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format } from '../../src/format/format.ts';
import { infos } from '../fixtures/format/infos.ts';
import { assertGolden } from './assertGolden.ts';

// Goldens live in test/fixtures/format/basic-<fixture>[.color].txt; UPDATE_GOLDEN=1 rewrites them.
describe('basic', () => {
  for (const [name, info] of Object.entries(infos)) {
    describe(name, () => {
      it('should match the plain golden', () => {
        const output = format(info, 'basic', { color: false });
        assert.ok(!output.includes('\x1b'), 'plain output must not carry escape codes');
        assertGolden(`basic-${name}`, output);
      });

      it('should match the coloured golden', () => {
        assertGolden(`basic-${name}.color`, format(info, 'basic', { color: true }));
      });
    });
  }

  describe('limits', () => {
    it('should count the frames past maxFrames in one line', () => {
      const lines = format(infos.tsService, 'basic', { color: false, maxFrames: 2 }).split('\n');
      assert.deepEqual(lines.slice(1), [
        '    at applyDiscount (/srv/checkout/src/orders/discount.ts:42:29)',
        '    at CheckoutService.total (/srv/checkout/src/orders/checkout.ts:88:12)',
        '    … 9 more frames',
      ]);
    });

    it('should list the AggregateError members past maxErrors as a count', () => {
      const output = format(infos.aggregate, 'basic', { color: false, maxErrors: 1 });
      assert.match(output, /\[errors\]: \[\n {4}Error \[EENVELOPE\]/);
      assert.match(output, /,\n {4}… 2 more errors\n {2}\]\n\}$/);
    });
  });
});
