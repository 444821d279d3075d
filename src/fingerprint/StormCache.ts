import { diag } from '@opentelemetry/api';
import { LruCache } from '../source/LruCache.ts';

/** Options of `StormCache`. Every field is optional; the defaults are in `STORM_CACHE_DEFAULTS`. */
export interface StormCacheOptions {
  /**
   * Storm keys remembered; the least recently used is forgotten first. A key (a SHA-1) and its fingerprint take
   * about 250 bytes (≈ 250 KB at the default). The default value is 1,000.
   */
  maxKeys?: number;
}

/** The default storm-cache options, in one visible place. */
export const STORM_CACHE_DEFAULTS = {
  maxKeys: 1_000,
} as const satisfies Required<StormCacheOptions>;

/**
 * The fingerprints last computed per `stormKey`, so that a repeated exception is counted without a capture:
 * `stormKey(error)` → `get` → on a hit, `OccurrenceTracker.record` and only capture when it says `full`; on a
 * miss, capture and `set`. One cache per capture configuration (service name, frame rules, `frames`): the key
 * only stands for the error. Bypass it when a `fingerprintParts` hook or a per-error `fingerprint` reads
 * anything but the parts (a message, a tenant): the key does not see those.
 */
export class StormCache {
  private readonly _fingerprints: LruCache<string, string>;

  /** A cache of at most `maxKeys` keys (a nonsense value is replaced by the default, with a warning). */
  constructor(options: StormCacheOptions = {}) {
    let maxKeys = options.maxKeys ?? STORM_CACHE_DEFAULTS.maxKeys;
    if (!(Number.isFinite(maxKeys) && maxKeys >= 1)) {
      diag.warn(
        `StormCache: invalid maxKeys ${String(options.maxKeys)}, using ${STORM_CACHE_DEFAULTS.maxKeys}`,
      );
      maxKeys = STORM_CACHE_DEFAULTS.maxKeys;
    }
    this._fingerprints = new LruCache({ maxEntries: maxKeys });
  }

  /** Keys remembered. */
  get size(): number {
    return this._fingerprints.size;
  }

  /** The fingerprint last set for `key`, or `undefined`. */
  get(key: string): string | undefined {
    return this._fingerprints.get(key);
  }

  /** Remembers `fingerprint` as the one computed for errors with `key`. */
  set(key: string, fingerprint: string): void {
    this._fingerprints.set(key, fingerprint);
  }
}
