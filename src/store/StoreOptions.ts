import { diag } from '@opentelemetry/api';

/** Options of `ErrorInfoStore`. Every field but `path` is optional; defaults are in `storeDefaults`. */
export interface ErrorInfoStoreOptions {
  /** The report directory; created with mode 0700 (parents too) when missing. */
  path: string;
  /** `'gzip'` writes `<fingerprint>.json.gz` (about 1/10 of the size, +0.1 ms per write); the default `null` writes `<fingerprint>.json`. */
  compress?: 'gzip' | null;
  /** Largest report, in bytes of uncompressed JSON: a larger one loses locals, then source context, then frames. The default value is 1 MiB. */
  maxFileBytes?: number;
  /** Most report files in the directory: creating one more evicts the least recently written. The default value is 1000. */
  maxFiles?: number;
  /** How long `record()` gathers repeated occurrences of a fingerprint before one rewrite of its file. The default value is 1000 ms. */
  flushIntervalMs?: number;
  /** Most fingerprints with buffered occurrences (about 200 bytes each); one more flushes them all at once. The default value is 10000. */
  maxPending?: number;
  /** A lock file older than this is presumed abandoned and broken (a lock of a dead process on this host is broken at once). The default value is 3000 ms. */
  lockStaleMs?: number;
  /** Longest wait for a lock; then `writeSync` writes without it (the report matters more) and `flush` keeps the counts for the next window. The default value is 5000 ms. */
  lockWaitMs?: number;
  /** fsync each report and its directory, so a written report survives power loss (costs about 1–5 ms per write on disks). The default value is true. */
  fsync?: boolean;
  /** Destinations each report must reach (e.g. `['sentry', 'otlp']`), recorded as pending in `extra.delivered` until `markDelivered`. The default value is `[]`. */
  destinations?: readonly string[];
}

/** The options with every default applied. */
export type ResolvedStoreOptions = Required<ErrorInfoStoreOptions>;

/** The defaults of every optional field. */
export const storeDefaults: Readonly<Omit<ResolvedStoreOptions, 'path'>> = {
  compress: null,
  maxFileBytes: 1024 * 1024,
  maxFiles: 1000,
  flushIntervalMs: 1000,
  maxPending: 10_000,
  lockStaleMs: 3000,
  lockWaitMs: 5000,
  fsync: true,
  destinations: [],
};

/** Smallest sensible value of each numeric option (a report below 4 KiB cannot hold an exception). */
const minimums = {
  maxFileBytes: 4096,
  maxFiles: 1,
  flushIntervalMs: 0,
  maxPending: 1,
  lockStaleMs: 100,
  lockWaitMs: 0,
} as const;

const DESTINATION = /^[a-z][a-z0-9_-]{0,31}$/;

/** Applies defaults; a nonsensical value is replaced by its default with a warning, never thrown. */
export function resolveStoreOptions(options: ErrorInfoStoreOptions): ResolvedStoreOptions {
  const resolved: ResolvedStoreOptions = { ...storeDefaults, path: String(options.path) };
  for (const key of Object.keys(minimums) as (keyof typeof minimums)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isFinite(value) && value >= minimums[key]) {
      resolved[key] = Math.floor(value);
    } else {
      warn(key, value, storeDefaults[key]);
    }
  }
  if (options.compress === 'gzip' || options.compress === null)
    resolved.compress = options.compress;
  else if (options.compress !== undefined) warn('compress', options.compress, null);
  if (typeof options.fsync === 'boolean') resolved.fsync = options.fsync;
  else if (options.fsync !== undefined) warn('fsync', options.fsync, true);
  if (options.destinations !== undefined) {
    const valid = [...options.destinations].filter(name => DESTINATION.test(String(name)));
    if (valid.length !== options.destinations.length) {
      diag.warn(
        'ErrorInfoStore: destination names must match [a-z][a-z0-9_-]*; ignoring the others',
      );
    }
    resolved.destinations = [...new Set(valid)];
  }
  return resolved;
}

function warn(key: string, value: unknown, fallback: unknown): void {
  diag.warn(
    `ErrorInfoStore: option ${key} = ${String(value)} is invalid; using the default ${String(fallback)}`,
  );
}
