import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LruCache } from '../../src/source/LruCache.ts';

describe('LruCache', () => {
  describe('eviction by count', () => {
    it('should evict the least recently used entry first', () => {
      const cache = new LruCache<string, number>({ maxEntries: 2 });
      cache.set('a', 1);
      cache.set('b', 2);
      assert.equal(cache.get('a'), 1);
      cache.set('c', 3);
      assert.equal(cache.has('b'), false);
      assert.equal(cache.get('a'), 1);
      assert.equal(cache.get('c'), 3);
      assert.equal(cache.size, 2);
    });

    it('should not refresh recency on has()', () => {
      const cache = new LruCache<string, number>({ maxEntries: 2 });
      cache.set('a', 1);
      cache.set('b', 2);
      assert.equal(cache.has('a'), true);
      cache.set('c', 3);
      assert.equal(cache.has('a'), false);
    });

    it('should keep null values apart from absent keys', () => {
      const cache = new LruCache<string, number | null>({ maxEntries: 2 });
      cache.set('missing', null);
      assert.equal(cache.get('missing'), null);
      assert.equal(cache.get('absent'), undefined);
    });

    it('should clamp maxEntries below 1 to 1', () => {
      const cache = new LruCache<string, number>({ maxEntries: 0 });
      cache.set('a', 1);
      cache.set('b', 2);
      assert.deepEqual([cache.size, cache.get('b')], [1, 2]);
    });
  });

  describe('eviction by weight', () => {
    it('should evict old entries until the total weight fits', () => {
      const cache = new LruCache<string, string>({
        maxEntries: 10,
        maxWeight: 5,
        weigh: v => v.length,
      });
      cache.set('a', 'xx');
      cache.set('b', 'yy');
      cache.set('c', 'zz');
      assert.deepEqual([cache.has('a'), cache.has('b'), cache.has('c')], [false, true, true]);
      assert.equal(cache.weight, 4);
    });

    it('should keep the newest entry even when it alone outweighs the cap', () => {
      const cache = new LruCache<string, string>({
        maxEntries: 10,
        maxWeight: 3,
        weigh: v => v.length,
      });
      cache.set('a', 'x');
      cache.set('big', 'xxxxxxxx');
      assert.deepEqual([cache.has('a'), cache.get('big'), cache.weight], [false, 'xxxxxxxx', 8]);
    });

    it('should account for replaced, deleted and cleared entries', () => {
      const cache = new LruCache<string, string>({
        maxEntries: 10,
        maxWeight: 100,
        weigh: v => v.length,
      });
      cache.set('a', 'xxx');
      cache.set('a', 'x');
      assert.equal(cache.weight, 1);
      assert.equal(cache.delete('a'), true);
      assert.equal(cache.delete('a'), false);
      cache.set('b', 'xx');
      cache.clear();
      assert.deepEqual([cache.size, cache.weight], [0, 0]);
    });
  });

  describe('against a reference model', () => {
    it('should hold exactly the most recently used keys', () => {
      const operation = fc.oneof(
        fc.record({ kind: fc.constant('set' as const), key: fc.nat(6), value: fc.nat(100) }),
        fc.record({ kind: fc.constant('get' as const), key: fc.nat(6) }),
        fc.record({ kind: fc.constant('delete' as const), key: fc.nat(6) }),
      );
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 4 }),
          fc.array(operation, { maxLength: 60 }),
          (max, ops) => {
            const cache = new LruCache<number, number>({ maxEntries: max });
            let model: [number, number][] = []; // least recently used first
            for (const op of ops) {
              const found = model.find(([key]) => key === op.key);
              if (op.kind === 'set') {
                cache.set(op.key, op.value);
                const entry: [number, number] = [op.key, op.value];
                model = [...model.filter(([key]) => key !== op.key), entry].slice(-max);
              } else if (op.kind === 'get') {
                assert.equal(cache.get(op.key), found?.[1]);
                if (found !== undefined) model = [...model.filter(entry => entry !== found), found];
              } else {
                assert.equal(cache.delete(op.key), found !== undefined);
                model = model.filter(entry => entry !== found);
              }
              assert.equal(cache.size, model.length);
            }
          },
        ),
        { seed: 20240611, numRuns: 300 },
      );
    });
  });
});
