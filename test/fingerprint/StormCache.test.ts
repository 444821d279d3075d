import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { STORM_CACHE_DEFAULTS, StormCache } from '../../src/fingerprint/StormCache.ts';

describe('StormCache', () => {
  describe('lookups', () => {
    it('should return what was set and undefined for an unknown key', () => {
      const cache = new StormCache();
      cache.set('k1', 'fp1');
      assert.equal(cache.get('k1'), 'fp1');
      assert.equal(cache.get('k2'), undefined);
    });
    it('should forget the least recently used key past maxKeys', () => {
      const cache = new StormCache({ maxKeys: 2 });
      cache.set('a', '1');
      cache.set('b', '2');
      cache.get('a');
      cache.set('c', '3');
      assert.deepEqual(
        [cache.get('a'), cache.get('b'), cache.get('c'), cache.size],
        ['1', undefined, '3', 2],
      );
    });
  });

  describe('options', () => {
    const warnings: string[] = [];
    before(() => {
      const logger = {
        error() {},
        info() {},
        debug() {},
        verbose() {},
        warn: (m: string) => warnings.push(m),
      };
      diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    });
    after(() => diag.disable());

    it('should warn about a nonsense maxKeys and keep the default bound', () => {
      const cache = new StormCache({ maxKeys: 0 });
      assert.match(warnings[0] ?? '', /^StormCache: invalid maxKeys 0/);
      for (let i = 0; i < 1_500; i++) cache.set(`k${i}`, `fp${i}`);
      assert.equal(cache.size, STORM_CACHE_DEFAULTS.maxKeys);
    });
  });
});
