import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OccurrenceCounter } from '../../processors/OccurrenceCounter.ts';

describe('OccurrenceCounter', () => {
  describe('.next', () => {
    it('should count each fingerprint from 1', () => {
      const counter = new OccurrenceCounter(10);
      assert.deepEqual(
        ['a', 'b', 'a', 'a', 'b'].map(fingerprint => counter.next(fingerprint)),
        [1, 1, 2, 3, 2],
      );
    });

    it('should count a missing fingerprint as a first occurrence', () => {
      const counter = new OccurrenceCounter(10);
      assert.deepEqual([counter.next(null), counter.next(null)], [1, 1]);
    });

    it('should forget the least recently seen fingerprint past its capacity', () => {
      const counter = new OccurrenceCounter(2);
      counter.next('a');
      counter.next('b');
      counter.next('a');
      counter.next('c');
      assert.equal(counter.next('a'), 3);
      assert.equal(counter.next('b'), 1);
    });
  });
});
