import fs from 'node:fs';
import path from 'node:path';
import { FileLock } from './FileLock.ts';
import { parseReportFileName, type StoreLayout } from './storeLayout.ts';

/** What eviction did. */
export interface Eviction {
  /** Names of the removed files. */
  removed: string[];
  /** Report files left. */
  remaining: number;
}

/**
 * Removes the least recently written report files until at most `maxFiles` remain, never `keep`
 * (the file just written) and never a file whose lock is held. Costs one `readdir`, plus one
 * `lstat` per report when over the limit; the store calls it only when its count of files
 * (checked by this `readdir`, then kept up to date as it creates files) reaches the limit.
 * Throws fs errors of the `readdir`.
 */
export function enforceMaxFiles(layout: StoreLayout, maxFiles: number, keep: string): Eviction {
  const names = fs.readdirSync(layout.dir).filter(name => parseReportFileName(name) !== null);
  if (names.length <= maxFiles) return { removed: [], remaining: names.length };
  const aged: { name: string; mtimeMs: number }[] = [];
  for (const name of names) {
    if (name === keep) continue;
    try {
      aged.push({ name, mtimeMs: fs.lstatSync(path.join(layout.dir, name)).mtimeMs });
    } catch {
      // Removed meanwhile: one fewer to evict.
    }
  }
  aged.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : 1));
  const removed: string[] = [];
  for (const { name } of aged) {
    if (names.length - removed.length <= maxFiles) break;
    const fingerprint = parseReportFileName(name)!.fingerprint;
    const lock = FileLock.acquireSync(path.join(layout.locks, `${fingerprint}.lock`), {
      staleMs: Number.POSITIVE_INFINITY,
      waitMs: 0,
    });
    if (lock === null) continue;
    try {
      fs.unlinkSync(path.join(layout.dir, name));
      removed.push(name);
    } catch {
      // Already gone or not removable: leave it.
    } finally {
      lock.release();
    }
  }
  return { removed, remaining: names.length - removed.length };
}
