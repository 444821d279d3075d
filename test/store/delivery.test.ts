import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonValue } from '../../src/errorinfo/ErrorInfo.ts';
import {
  deliveryOf,
  pendingDestinations,
  withDelivered,
  withDestinations,
} from '../../src/store/delivery.ts';
import { report } from '../cli/reportFixtures.ts';

const base = report({ fingerprint: 'aaaaaaaa-0000-5000-8000-000000000000' });

describe('delivery', () => {
  describe('deliveryOf', () => {
    const cases: readonly {
      name: string;
      delivered: unknown;
      expected: Record<string, string | null>;
    }[] = [
      { name: 'an absent record as empty', delivered: undefined, expected: {} },
      { name: 'a record that is not an object as empty', delivered: ['sentry'], expected: {} },
      {
        name: 'malformed entries as absent',
        delivered: { sentry: 5, otlp: null, x: 'd' },
        expected: { otlp: null, x: 'd' },
      },
    ];
    for (const { name, delivered, expected } of cases) {
      it(`should read ${name}`, () => {
        const extra: Record<string, JsonValue> =
          delivered === undefined ? {} : { delivered: delivered as JsonValue };
        assert.deepEqual(deliveryOf({ ...base, extra }), expected);
      });
    }
  });

  describe('withDestinations / withDelivered / pendingDestinations', () => {
    it('should add destinations as pending, record acceptance, and list what is pending, sorted', () => {
      const pending = withDestinations(base, ['sentry', 'otlp']);
      assert.deepEqual(pendingDestinations(pending), ['otlp', 'sentry']);
      const sent = withDelivered(pending, 'sentry', new Date('2024-05-01T00:00:00Z'));
      assert.deepEqual(sent.extra.delivered, { sentry: '2024-05-01T00:00:00.000Z', otlp: null });
      assert.deepEqual(pendingDestinations(sent), ['otlp']);
      assert.equal(withDestinations(sent, ['sentry']), sent);
      assert.deepEqual(base.extra, {});
    });
  });
});
