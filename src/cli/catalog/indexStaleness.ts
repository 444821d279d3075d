import fs from 'node:fs';
import path from 'node:path';
import { isStaleLock } from '../../store/FileLock.ts';
import type { StoreLayout } from '../../store/storeLayout.ts';

/** A lock older than this is presumed to belong to a dead writer (as the store judges). */
export const LOCK_STALE_MS = 3000;

/**
 * Why the index cannot be trusted, or `null` when it is fresh: it exists, it is not older than
 * the report directory (every rename or deletion of a report changes the directory's mtime,
 * and writers append to the index after their rename), no writer left the `stale` marker, and
 * no lock of an interrupted writer remains (it may have renamed its report without indexing it).
 */
export function indexStaleness(layout: StoreLayout): string | null {
  const index = fs.statSync(layout.index, { bigint: true, throwIfNoEntry: false });
  if (index === undefined) return 'there is no index yet';
  if (!index.isFile()) return 'the index is not a regular file';
  const dir = fs.statSync(layout.dir, { bigint: true });
  if (index.mtimeNs < dir.mtimeNs) return 'the directory changed after the index';
  if (fs.existsSync(layout.stale)) return 'a writer could not update the index';
  let locks: string[] = [];
  try {
    locks = fs.readdirSync(layout.locks);
  } catch {
    // No locks directory: no interrupted writer.
  }
  const abandoned = locks.some(
    name => name.endsWith('.lock') && isStaleLock(path.join(layout.locks, name), LOCK_STALE_MS),
  );
  return abandoned ? 'a writer was interrupted' : null;
}
