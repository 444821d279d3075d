import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupingQuality, type GroupedSample } from './groupingQuality.ts';

describe('groupingQuality', () => {
  describe('counting pairs', () => {
    it('should score a perfect grouping 1 and 1', () => {
      const samples = ['a', 'a', 'b'].map(bug => ({ bug, id: `id-${bug}` }));
      assert.deepEqual(groupingQuality(samples), {
        precision: 1,
        recall: 1,
        pairs: 3,
        splitPairs: 0,
        mergedPairs: 0,
      });
    });
    it('should count merged and split pairs against a pair-by-pair count', () => {
      const samples: GroupedSample[] = [
        { bug: 'a', id: '1' },
        { bug: 'a', id: '1' },
        { bug: 'a', id: '2' },
        { bug: 'b', id: '2' },
        { bug: 'c', id: '3' },
      ];
      // Same bug: a-a ×3; same id: 1-1, 2-2; both: the one a-a pair under id 1.
      assert.deepEqual(groupingQuality(samples), {
        precision: 1 / 2,
        recall: 1 / 3,
        pairs: 10,
        splitPairs: 2,
        mergedPairs: 1,
      });
    });
    it('should not divide by zero when no pair shares a bug or an id', () => {
      const quality = groupingQuality([
        { bug: 'a', id: '1' },
        { bug: 'b', id: '2' },
      ]);
      assert.equal(quality.precision, 1);
      assert.equal(quality.recall, 1);
    });
  });
});
