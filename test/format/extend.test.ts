import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format } from '../../src/format/format.ts';
import { infos } from '../fixtures/format/infos.ts';
import { assertGolden } from './assertGolden.ts';

// Goldens live in test/fixtures/format/extend-<fixture>[.color].txt; UPDATE_GOLDEN=1 rewrites them.
describe('extend', () => {
  for (const [name, info] of Object.entries(infos)) {
    describe(name, () => {
      it('should match the plain golden', () => {
        const output = format(info, 'extend', { color: false });
        assert.ok(!output.includes('\x1b'), 'plain output must not carry escape codes');
        assertGolden(`extend-${name}`, output);
      });

      it('should match the coloured golden', () => {
        assertGolden(`extend-${name}.color`, format(info, 'extend', { color: true }));
      });
    });
  }

  describe('source context', () => {
    it('should show contextLines lines on each side of the current line', () => {
      const output = format(infos.tsService, 'extend', { color: false, contextLines: 1 });
      const block = output.split('\n').filter(line => / \d+ \|/.test(line));
      assert.deepEqual(block.slice(0, 3), [
        '    41 |   // Tiers are loaded lazily from the pricing service.',
        '  > 42 |   const pct = customer.tier.rate * base;',
        '    43 |   const off = coupon ? couponValue(coupon) : 0;',
      ]);
    });

    it('should show only the current line with contextLines 0', () => {
      const output = format(infos.tsService, 'extend', { color: false, contextLines: 0 });
      assert.doesNotMatch(output, / {4}41 \|/);
      assert.match(output, / {2}> 42 \|/);
    });
  });

  describe('locals', () => {
    it('should clip values to maxValueLength', () => {
      const output = format(infos.tsService, 'extend', { color: false, maxValueLength: 20 });
      assert.match(output, /\n {4}customer {2}= \{ id: "c_42", email…\n/);
    });
  });

  describe('footer', () => {
    it('should carry the trace context, time and process', () => {
      const tail = format(infos.tsService, 'extend', { color: false }).split('\n').slice(-2);
      assert.deepEqual(tail, [
        'trace 4bf92f3577b34da6a3ce929d0e0e4736 · span 00f067aa0ba902b7',
        '2026-03-14T03:02:11.120Z · node v24.21.0 · pid 4711 · web-3 (linux/x64)',
      ]);
    });

    it('should leave the footer out when nothing is known', () => {
      const output = format(infos.hostile, 'extend', { color: false });
      assert.doesNotMatch(output, /─{72}\s*$/);
    });
  });
});
