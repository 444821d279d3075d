import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addOccurrences, mergeOccurrences, type Occurrences } from '../../src/store/Occurrences.ts';
import { report } from '../cli/reportFixtures.ts';

const T1 = { traceId: '1'.repeat(32), spanId: '1'.repeat(16) };
const T2 = { traceId: '2'.repeat(32), spanId: '2'.repeat(16) };

function occ(first: string, last: string, count: number, trace: Occurrences['trace']): Occurrences {
  return {
    count,
    firstSeen: new Date(first),
    lastSeen: new Date(last),
    timestamp: new Date(last),
    trace,
  };
}

describe('Occurrences', () => {
  describe('addOccurrences', () => {
    const cases: readonly {
      name: string;
      a: Occurrences;
      b: Occurrences;
      expected: Occurrences;
    }[] = [
      {
        name: 'add counts and widen the seen window',
        a: occ('2024-05-02', '2024-05-03', 2, T1),
        b: occ('2024-05-01', '2024-05-04', 3, T2),
        expected: occ('2024-05-01', '2024-05-04', 5, T2),
      },
      {
        name: "keep the later occurrence's trace",
        a: occ('2024-05-01', '2024-05-05', 1, T1),
        b: occ('2024-05-01', '2024-05-02', 1, T2),
        expected: occ('2024-05-01', '2024-05-05', 2, T1),
      },
      {
        name: 'keep an earlier trace when the latest occurrence had none',
        a: occ('2024-05-01', '2024-05-01', 1, T1),
        b: occ('2024-05-02', '2024-05-02', 1, null),
        expected: occ('2024-05-01', '2024-05-02', 2, T1),
      },
      {
        name: 'saturate the count at the largest safe integer',
        a: occ('2024-05-01', '2024-05-01', Number.MAX_SAFE_INTEGER, null),
        b: occ('2024-05-01', '2024-05-01', 5, null),
        expected: occ('2024-05-01', '2024-05-01', Number.MAX_SAFE_INTEGER, null),
      },
    ];
    for (const { name, a, b, expected } of cases) {
      it(`should ${name}`, () => assert.deepEqual(addOccurrences(a, b), expected));
    }
  });

  describe('mergeOccurrences', () => {
    it('should keep the body of the stored report and update its totals, timestamp and trace', () => {
      const stored = report({
        fingerprint: 'aaaaaaaa-0000-5000-8000-000000000000',
        message: 'first',
        lastSeen: '2024-05-01T00:00:00Z',
      });
      const merged = mergeOccurrences(stored, occ('2024-05-02', '2024-05-03', 4, T2));
      assert.equal(merged.exception.message, 'first');
      assert.equal(merged.frames, stored.frames);
      assert.equal(merged.count, 5);
      assert.equal(merged.firstSeen.toISOString(), '2024-05-01T00:00:00.000Z');
      assert.equal(merged.lastSeen.toISOString(), '2024-05-03T00:00:00.000Z');
      assert.equal(merged.timestamp.toISOString(), '2024-05-03T00:00:00.000Z');
      assert.deepEqual(merged.trace, T2);
    });
  });
});
