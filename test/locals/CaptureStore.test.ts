import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureStore } from '../../src/locals/CaptureStore.ts';

function store(maxEntries = 3, ttlMs = 1000) {
  const clock = { now: 0 };
  return { clock, store: new CaptureStore<string>({ maxEntries, ttlMs, now: () => clock.now }) };
}

describe('CaptureStore', () => {
  describe('objects', () => {
    it('should return a capture once, by identity', () => {
      const { store: s } = store();
      const a = new Error('a');
      const twin = new Error('a');
      s.put(a, 'A');
      assert.equal(s.take(twin), undefined);
      assert.equal(s.take(a), 'A');
      assert.equal(s.take(a), undefined);
    });

    it('should keep the first capture of an object thrown again', () => {
      const { store: s } = store();
      const a = {};
      s.put(a, 'first');
      assert.equal(s.has(a), true);
      s.put(a, 'second');
      assert.equal(s.take(a), 'first');
    });

    it('should accept functions as keys', () => {
      const { store: s } = store();
      const f = () => 1;
      s.put(f, 'F');
      assert.equal(s.take(f), 'F');
    });

    it('should drop the oldest beyond maxEntries', () => {
      const { store: s } = store(2);
      const keys = [{}, {}, {}];
      keys.forEach((k, i) => s.put(k, String(i)));
      assert.deepEqual(
        keys.map(k => s.take(k)),
        [undefined, '1', '2'],
      );
    });

    it('should drop captures older than the ttl', () => {
      const { clock, store: s } = store(10, 100);
      const old = {};
      s.put(old, 'old');
      clock.now = 101;
      assert.equal(s.has(old), false);
      assert.equal(s.take(old), undefined);
      const fresh = {};
      s.put(fresh, 'fresh');
      clock.now = 150;
      assert.equal(s.take(fresh), 'fresh');
    });

    it('should count held captures and release all on clear', () => {
      const { store: s } = store(10);
      const a = {};
      const b = {};
      s.put(a, 'A');
      s.put(b, 'B');
      s.put('p', 'P');
      assert.equal(s.size, 3);
      s.clear();
      assert.equal(s.size, 0);
      assert.equal(s.take(a), undefined);
      assert.equal(s.take('p'), undefined);
    });
  });

  describe('primitives', () => {
    it('should match by value and return the newest equal capture', () => {
      const { store: s } = store(10);
      s.put('boom', 'older');
      s.put('boom', 'newer');
      s.put(42, 'number');
      s.put(undefined, 'undefined');
      assert.equal(s.take('boom'), 'newer');
      assert.equal(s.take('boom'), 'older');
      assert.equal(s.take(42), 'number');
      assert.equal(s.take(undefined), 'undefined');
      assert.equal(s.take(NaN), undefined);
    });

    it('should tell NaN and -0 apart with Object.is', () => {
      const { store: s } = store();
      s.put(NaN, 'nan');
      s.put(-0, 'minus zero');
      assert.equal(s.take(0), undefined);
      assert.equal(s.take(-0), 'minus zero');
      assert.equal(s.take(NaN), 'nan');
    });

    it('should keep at most maxEntries and expire by age', () => {
      const { clock, store: s } = store(2, 100);
      for (const v of ['a', 'b', 'c']) s.put(v, v.toUpperCase());
      assert.equal(s.take('a'), undefined);
      clock.now = 200;
      assert.equal(s.take('b'), undefined);
    });
  });
});
