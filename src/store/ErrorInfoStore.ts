import { diag } from '@opentelemetry/api';
import fs from 'node:fs';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { withDelivered, withDestinations } from './delivery.ts';
import { createEmptyIndex } from './indexFile.ts';
import { type FileCount, type MergeResult, mergeReportSync } from './mergeReportSync.ts';
import {
  addOccurrences,
  mergeOccurrences,
  type Occurrences,
  occurrencesOf,
} from './Occurrences.ts';
import { codeOf } from './readReportText.ts';
import { isFingerprint, META_DIR, type StoreLayout, storeLayout } from './storeLayout.ts';
import {
  type ErrorInfoStoreOptions,
  type ResolvedStoreOptions,
  resolveStoreOptions,
} from './StoreOptions.ts';

/** Longest stretch of windowed merges before yielding to the event loop. */
const FLUSH_SLICE_MS = 20;

/** Fingerprints remembered as written by this process; past this the memo starts over (costs rewrites, not data). */
const MAX_WRITTEN_MEMO = 10_000;

/**
 * The crash-file store: one ErrorInfo file per fingerprint in a directory, merged across
 * occurrences and processes (see `mergeOccurrences` for what is kept), written atomically, with
 * size and file-count caps and a summary index for `err list`. Nothing here throws into the
 * caller: failures (disk full, read-only or deleted directory…) go to `diag` and the call returns.
 * - `writeSync(info)`: the crash path; the report is on disk when it returns.
 * - `record(info)`: the streaming path; a fingerprint's first occurrence is written at once, the
 *   following ones are counted in memory and merged once per `flushIntervalMs`.
 */
export class ErrorInfoStore {
  private readonly _options: ResolvedStoreOptions;
  private readonly _layout: StoreLayout;
  private readonly _written = new Set<string>();
  private readonly _pending = new Map<string, Occurrences>();
  /** Counts whose file vanished before they were merged: folded into the next full report. */
  private readonly _orphans = new Map<string, Occurrences>();
  private readonly _fileCount: FileCount = { estimate: null };
  private _timer: NodeJS.Timeout | undefined;
  private _ready = false;
  private _failures = 0;

  /** The directory is created on the first write, not here. */
  constructor(options: ErrorInfoStoreOptions) {
    this._options = resolveStoreOptions(options);
    this._layout = storeLayout(this._options.path);
  }

  /** The report directory. */
  get path(): string {
    return this._layout.dir;
  }

  /** Merges the report (and this fingerprint's buffered occurrences) into its file now; true when written. */
  writeSync(info: ErrorInfo): boolean {
    const fingerprint = this._fingerprintOf(info);
    if (fingerprint === null) return false;
    let more = occurrencesOf(info);
    for (const buffered of [this._pending.get(fingerprint), this._orphans.get(fingerprint)]) {
      if (buffered !== undefined) more = addOccurrences(more, buffered);
    }
    const result = this._merge(fingerprint, true, existing =>
      withDestinations(
        existing ? mergeOccurrences(existing, more) : { ...info, ...more },
        this._options.destinations,
      ),
    );
    if (result !== 'written') return false;
    this._pending.delete(fingerprint);
    this._orphans.delete(fingerprint);
    this._remember(fingerprint);
    return true;
  }

  /**
   * Counts an occurrence; its file is rewritten at most once per window (the first occurrence at
   * once). False when that first write failed (or the report has no valid fingerprint).
   */
  record(info: ErrorInfo): boolean {
    const fingerprint = this._fingerprintOf(info);
    if (fingerprint === null) return false;
    if (!this._written.has(fingerprint)) return this.writeSync(info);
    const buffered = this._pending.get(fingerprint);
    const occurrences = occurrencesOf(info);
    this._pending.set(fingerprint, buffered ? addOccurrences(buffered, occurrences) : occurrences);
    if (this._pending.size >= this._options.maxPending || this._options.flushIntervalMs === 0) {
      this.flush();
    } else if (this._timer === undefined) {
      this._schedule(this._options.flushIntervalMs);
    }
    return true;
  }

  /** Merges every buffered occurrence into its file now. A busy file keeps its counts for the next window. */
  flush(): void {
    this._flushFor(Number.POSITIVE_INFINITY);
  }

  /**
   * Merges buffered occurrences for at most `budgetMs`, then yields to the event loop and goes on:
   * a storm of many distinct bugs must not block the application for the whole rewrite. These
   * merges skip fsync (a count lost to a power cut is acceptable; first reports, crash writes and
   * delivery marks are durable).
   */
  private _flushFor(budgetMs: number): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    const deadline = performance.now() + budgetMs;
    const busy: string[] = [];
    for (const [fingerprint, occurrences] of [...this._pending]) {
      if (performance.now() > deadline) {
        this._schedule(0);
        return;
      }
      const result = this._merge(
        fingerprint,
        false,
        existing => (existing ? mergeOccurrences(existing, occurrences) : null),
        false,
      );
      if (result === 'busy') {
        busy.push(fingerprint);
        continue;
      }
      this._pending.delete(fingerprint);
      if (result === 'unchanged') {
        // The file vanished (cleared, evicted, directory deleted): the next occurrence writes a
        // full report again and these counts go into it.
        this._written.delete(fingerprint);
        this._orphan(fingerprint, occurrences);
      }
    }
    if (busy.length > 0) this._schedule(this._options.flushIntervalMs);
  }

  private _orphan(fingerprint: string, occurrences: Occurrences): void {
    const earlier = this._orphans.get(fingerprint);
    this._orphans.delete(fingerprint);
    if (this._orphans.size >= this._options.maxPending) {
      this._orphans.delete(this._orphans.keys().next().value!);
    }
    this._orphans.set(fingerprint, earlier ? addOccurrences(earlier, occurrences) : occurrences);
  }

  private _schedule(delayMs: number): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._flushFor(FLUSH_SLICE_MS), delayMs).unref();
  }

  /** Records that `destination` accepted the report of `fingerprint`; true when the file was updated. */
  markDelivered(fingerprint: string, destination: string, at: Date = new Date()): boolean {
    if (!isFingerprint(fingerprint)) return false;
    const result = this._merge(fingerprint, false, existing =>
      existing ? withDelivered(existing, destination, at) : null,
    );
    return result === 'written';
  }

  /** Flushes and stops the window timer; the store stays usable. */
  close(): void {
    this.flush();
  }

  private _fingerprintOf(info: ErrorInfo): string | null {
    const fingerprint = (info as Partial<ErrorInfo> | null)?.fingerprint;
    if (isFingerprint(fingerprint)) return fingerprint;
    diag.warn(
      `ErrorInfoStore: a report without a valid fingerprint is not stored (${String(fingerprint)})`,
    );
    return null;
  }

  private _remember(fingerprint: string): void {
    if (this._written.size >= MAX_WRITTEN_MEMO) this._written.clear();
    this._written.add(fingerprint);
  }

  /** One merge, retried once after re-creating the directory if it vanished; never throws. */
  private _merge(
    fingerprint: string,
    crash: boolean,
    update: (existing: ErrorInfo | null) => ErrorInfo | null,
    fsync = this._options.fsync,
  ): MergeResult | 'failed' {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        this._ensureDirectory();
        const result = mergeReportSync(
          this._layout,
          this._options,
          fingerprint,
          update,
          crash,
          this._fileCount,
          fsync && this._options.fsync,
        );
        if (this._failures > 0) {
          diag.info(`ErrorInfoStore: writing works again after ${this._failures} failures`);
          this._failures = 0;
        }
        return result;
      } catch (error) {
        if (attempt === 0 && codeOf(error) === 'ENOENT') {
          this._ready = false;
          this._fileCount.estimate = null;
          continue;
        }
        this._fail(fingerprint, error);
        break;
      }
    }
    return 'failed';
  }

  private _ensureDirectory(): void {
    if (this._ready) return;
    const { dir, meta, locks, tmp } = this._layout;
    const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined;
    for (const sub of [meta, locks, tmp]) fs.mkdirSync(sub, { recursive: true, mode: 0o700 });
    // An index may only be started where no report exists yet: readers trust a fresh index.
    if (created || fs.readdirSync(dir).every(name => name === META_DIR)) {
      createEmptyIndex(this._layout);
    }
    this._ready = true;
  }

  private _fail(fingerprint: string, error: unknown): void {
    this._failures++;
    const message = `ErrorInfoStore: cannot write the report ${fingerprint} in ${this._layout.dir} (${codeOf(error)})`;
    if (this._failures === 1) diag.warn(message);
    else diag.debug(`${message}; ${this._failures} failures so far`);
  }
}
