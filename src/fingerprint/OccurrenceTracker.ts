import { diag } from '@opentelemetry/api';
import { LruCache } from '../source/LruCache.ts';

/** Options of `OccurrenceTracker`. Every field is optional; the defaults are in `OCCURRENCE_TRACKER_DEFAULTS`. */
export interface OccurrenceTrackerOptions {
  /**
   * Fingerprints tracked at once; past it the least recently seen one is forgotten, and its next occurrence
   * counts from 1 again. Memory is about 250 bytes per fingerprint (≈ 2.5 MB at the default). The default
   * value is 10,000.
   */
  maxFingerprints?: number;
  /** Occurrences of one fingerprint processed in full per window; later ones are only counted. The default value is 10. */
  fullPerWindow?: number;
  /** Length of a window in milliseconds, from the first occurrence after the previous window. The default value is 60,000. */
  windowMs?: number;
}

/** The default occurrence-tracker options, in one visible place. */
export const OCCURRENCE_TRACKER_DEFAULTS = {
  maxFingerprints: 10_000,
  fullPerWindow: 10,
  windowMs: 60_000,
} as const satisfies Required<OccurrenceTrackerOptions>;

/** What one recorded occurrence means for the caller. */
export interface Occurrence {
  /** Occurrences of the fingerprint since it was (last) first tracked, this one included. */
  count: number;
  /** The first of them. */
  firstSeen: Date;
  /** The latest of them (a clock that steps back never moves it backwards). */
  lastSeen: Date;
  /** True for the first `fullPerWindow` occurrences of each window: process those in full, only count the rest. */
  full: boolean;
}

// Numbers, not Dates: one small object per fingerprint, no allocation per occurrence but the answer.
interface Entry {
  count: number;
  firstSeen: number;
  lastSeen: number;
  windowStart: number;
  fullInWindow: number;
}

/**
 * Counts occurrences per fingerprint so that an error storm costs little: the first `fullPerWindow`
 * occurrences of each window are marked `full` (capture, export, write them), the rest only bump the count
 * and last-seen time. Bounded: an LRU over at most `maxFingerprints` fingerprints.
 */
export class OccurrenceTracker {
  private readonly _entries: LruCache<string, Entry>;
  private readonly _fullPerWindow: number;
  private readonly _windowMs: number;

  /** A tracker with the given options (nonsense values are replaced by the defaults, with a warning). */
  constructor(options: OccurrenceTrackerOptions = {}) {
    this._entries = new LruCache({ maxEntries: valid(options, 'maxFingerprints', 1) });
    this._fullPerWindow = valid(options, 'fullPerWindow', 1);
    this._windowMs = valid(options, 'windowMs', 1);
  }

  /** Fingerprints currently tracked. */
  get size(): number {
    return this._entries.size;
  }

  /** Whether an occurrence of `fingerprint` at `at` would be processed in full, without recording it. */
  peekFull(fingerprint: string, at: Date = new Date()): boolean {
    const entry = this._entries.peek(fingerprint);
    if (entry === undefined || at.getTime() - entry.windowStart >= this._windowMs) return true;
    return entry.fullInWindow < this._fullPerWindow;
  }

  /** Records one occurrence of `fingerprint` at `at` and says whether to process it in full. */
  record(fingerprint: string, at: Date = new Date()): Occurrence {
    const time = at.getTime();
    let entry = this._entries.get(fingerprint);
    if (entry === undefined) {
      entry = { count: 0, firstSeen: time, lastSeen: time, windowStart: time, fullInWindow: 0 };
      this._entries.set(fingerprint, entry);
    }
    entry.count += 1;
    entry.firstSeen = Math.min(entry.firstSeen, time);
    entry.lastSeen = Math.max(entry.lastSeen, time);
    if (time - entry.windowStart >= this._windowMs) {
      entry.windowStart = time;
      entry.fullInWindow = 0;
    }
    const full = entry.fullInWindow < this._fullPerWindow;
    if (full) entry.fullInWindow += 1;
    return {
      count: entry.count,
      firstSeen: new Date(entry.firstSeen),
      lastSeen: new Date(entry.lastSeen),
      full,
    };
  }
}

function valid(
  options: OccurrenceTrackerOptions,
  key: keyof OccurrenceTrackerOptions,
  minimum: number,
): number {
  const given = options[key];
  const fallback = OCCURRENCE_TRACKER_DEFAULTS[key];
  if (given === undefined) return fallback;
  if (Number.isFinite(given) && given >= minimum) return Math.floor(given);
  diag.warn(`OccurrenceTracker: invalid ${key} ${String(given)}, using ${fallback}`);
  return fallback;
}
