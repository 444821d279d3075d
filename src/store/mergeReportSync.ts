import { diag } from '@opentelemetry/api';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { fromJSON } from '../errorinfo/codec.ts';
import { pendingDestinations } from './delivery.ts';
import { encodeWithinLimit } from './encodeWithinLimit.ts';
import { enforceMaxFiles } from './enforceMaxFiles.ts';
import { FileLock } from './FileLock.ts';
import { appendIndexLines } from './indexFile.ts';
import { encodeIndexLine, KIND, removedEntry, summarizeReport } from './IndexEntry.ts';
import { readRegularFileSync, reportText, UnreadableFileError } from './readReportText.ts';
import { reportFileName, type StoreLayout } from './storeLayout.ts';
import type { ResolvedStoreOptions } from './StoreOptions.ts';
import { writeFileAtomicSync } from './writeFileAtomicSync.ts';

/** Largest existing report read back for a merge (a report written under a larger limit still merges). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

/** The store's running count of report files (`null` until counted), so eviction need not list the directory per new file. */
export interface FileCount {
  /** Report files in the directory as far as this process knows. */
  estimate: number | null;
}

/** What became of a merge. */
export type MergeResult = 'written' | 'busy' | 'unchanged';

/**
 * Read-merge-write of one fingerprint's file under its lock: reads the current report (either
 * compression; the one with more occurrences when both exist), lets `update` compute the new one
 * (`null`: nothing to write), writes it atomically, removes the other-compression twin, evicts
 * past `maxFiles` when the file is new, and appends the summary to the index. `crash`: when the
 * lock cannot be had in time, write anyway (a lost count beats a lost crash report); otherwise
 * return `'busy'`. `fsync`: make the write durable. Throws fs errors (the caller reports them).
 */
export function mergeReportSync(
  layout: StoreLayout,
  options: ResolvedStoreOptions,
  fingerprint: string,
  update: (existing: ErrorInfo | null) => ErrorInfo | null,
  crash: boolean,
  fileCount: FileCount,
  fsync: boolean,
): MergeResult {
  const timing = { staleMs: options.lockStaleMs, waitMs: options.lockWaitMs };
  const lock = FileLock.acquireSync(path.join(layout.locks, `${fingerprint}.lock`), timing);
  if (lock === null && !crash) return 'busy';
  if (lock === null)
    diag.warn(`ErrorInfoStore: lock of ${fingerprint} not free; writing without it`);
  try {
    const existing = readExisting(layout, fingerprint);
    const next = update(existing);
    if (next === null) return 'unchanged';
    const compressed = options.compress === 'gzip';
    const name = reportFileName(fingerprint, compressed);
    const json = encodeWithinLimit(next, options.maxFileBytes);
    const data = compressed ? gzipSync(json) : Buffer.from(json);
    const stamp = writeFileAtomicSync(path.join(layout.dir, name), layout.tmp, data, fsync);
    const summary = summarizeReport(next, KIND.errorinfo, name, stamp, pendingDestinations(next));
    const lines = [encodeIndexLine(summary)];
    const twin = reportFileName(fingerprint, !compressed);
    if (removeIfPresent(path.join(layout.dir, twin))) {
      lines.push(encodeIndexLine(removedEntry(twin, fingerprint)));
    }
    if (
      existing === null &&
      (fileCount.estimate === null || ++fileCount.estimate > options.maxFiles)
    ) {
      const { removed, remaining } = enforceMaxFiles(layout, options.maxFiles, name);
      fileCount.estimate = remaining;
      for (const evicted of removed) {
        lines.push(encodeIndexLine(removedEntry(evicted, evicted.slice(0, 36))));
      }
    }
    appendIndexLines(layout, lines, timing, !crash);
    return 'written';
  } finally {
    lock?.release();
  }
}

function readExisting(layout: StoreLayout, fingerprint: string): ErrorInfo | null {
  let best: ErrorInfo | null = null;
  for (const compressed of [false, true]) {
    const name = reportFileName(fingerprint, compressed);
    const info = readReport(path.join(layout.dir, name), compressed, name);
    if (info === null) continue;
    if (best === null || info.count > best.count) best = info;
  }
  return best;
}

function readReport(filePath: string, compressed: boolean, name: string): ErrorInfo | null {
  try {
    const bytes = readRegularFileSync(filePath, MAX_READ_BYTES);
    return fromJSON(reportText(bytes, compressed ? 'gz' : null, MAX_READ_BYTES));
  } catch (error) {
    if (error instanceof UnreadableFileError && error.missing) return null;
    const reason = error instanceof UnreadableFileError ? error.reason : String(error);
    diag.warn(`ErrorInfoStore: ${name} ${reason}; it is replaced by the new report`);
    return null;
  }
}

function removeIfPresent(filePath: string): boolean {
  try {
    fs.unlinkSync(filePath);
    return true;
  } catch {
    return false;
  }
}
