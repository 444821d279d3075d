import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { memoizeString } from '../../src/stack/memoizeString.ts';

/** A memo over a function that records every key it computes. */
function recorded(maxEntries: number, maxKeyLength: number) {
  const computed: string[] = [];
  const memo = memoizeString(
    key => {
      computed.push(key);
      return key.startsWith('null') ? null : key.toUpperCase();
    },
    { maxEntries, maxKeyLength },
  );
  return { memo, computed };
}

describe('memoizeString', () => {
  describe('hits', () => {
    it('should compute each key once and return the same result', () => {
      const { memo, computed } = recorded(4, 100);
      assert.deepEqual([memo('a'), memo('b'), memo('a'), memo('b')], ['A', 'B', 'A', 'B']);
      assert.deepEqual(computed, ['a', 'b']);
    });

    it('should remember null results too', () => {
      const { memo, computed } = recorded(4, 100);
      assert.deepEqual([memo('null-1'), memo('null-1')], [null, null]);
      assert.deepEqual(computed, ['null-1']);
    });
  });

  describe('bounds', () => {
    it('should drop the oldest key when full', () => {
      const { memo, computed } = recorded(2, 100);
      memo('a');
      memo('b');
      memo('c');
      memo('b');
      memo('a');
      assert.deepEqual(computed, ['a', 'b', 'c', 'a']);
    });

    it('should never keep a key longer than maxKeyLength', () => {
      const { memo, computed } = recorded(4, 3);
      assert.deepEqual(
        [memo('long'), memo('long'), memo('abc'), memo('abc')],
        ['LONG', 'LONG', 'ABC', 'ABC'],
      );
      assert.deepEqual(computed, ['long', 'long', 'abc']);
    });
  });
});
