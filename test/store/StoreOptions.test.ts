import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { resolveStoreOptions, storeDefaults } from '../../src/store/StoreOptions.ts';
import { TestDiagCapture } from './TestDiagCapture.ts';

describe('resolveStoreOptions', () => {
  let diag: TestDiagCapture;
  beforeEach(() => (diag = new TestDiagCapture().install()));
  afterEach(() => diag.uninstall());

  describe('defaults', () => {
    it('should fill in every default', () => {
      assert.deepEqual(resolveStoreOptions({ path: '/r' }), { ...storeDefaults, path: '/r' });
      assert.deepEqual(diag.messages, []);
    });
  });

  describe('nonsense values', () => {
    const cases: readonly { option: Record<string, unknown>; key: string }[] = [
      { option: { maxFiles: 0 }, key: 'maxFiles' },
      { option: { maxFileBytes: 100 }, key: 'maxFileBytes' },
      { option: { flushIntervalMs: Number.NaN }, key: 'flushIntervalMs' },
      { option: { lockStaleMs: -1 }, key: 'lockStaleMs' },
      { option: { compress: 'brotli' }, key: 'compress' },
      { option: { fsync: 'yes' }, key: 'fsync' },
    ];
    for (const { option, key } of cases) {
      it(`should replace ${key} = ${String(Object.values(option)[0])} by its default with a warning`, () => {
        const resolved = resolveStoreOptions({ path: '/r', ...option });
        assert.equal(
          resolved[key as keyof typeof resolved],
          storeDefaults[key as keyof typeof storeDefaults],
        );
        assert.match(
          diag.of('warn')[0]!,
          new RegExp(`^ErrorInfoStore: option ${key} = .* is invalid; using the default`),
        );
      });
    }

    it('should keep only valid destination names, once each', () => {
      const resolved = resolveStoreOptions({
        path: '/r',
        destinations: ['sentry', 'Bad Name', 'sentry', 'otlp'],
      });
      assert.deepEqual(resolved.destinations, ['sentry', 'otlp']);
      assert.equal(diag.of('warn').length, 1);
    });
  });
});
