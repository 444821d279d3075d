import fs from 'node:fs';
import path from 'node:path';
import { FileLock } from '../../store/FileLock.ts';
import { encodeIndexLine, removedEntry } from '../../store/IndexEntry.ts';
import { appendIndexLines } from '../../store/indexFile.ts';
import { parseReportFileName, storeLayout } from '../../store/storeLayout.ts';
import { LOCK_STALE_MS } from '../catalog/indexStaleness.ts';
import type { CliContext } from '../CliContext.ts';
import { EXIT } from '../exitCodes.ts';
import { shownPath } from '../shownPath.ts';
import type { ClearTarget } from './selectForClear.ts';

/**
 * Removes each report with every compression variant of its name, under its fingerprint's lock,
 * then records the removals in the index. Prints one line per file; a file that cannot be
 * removed is named on stderr (exit 1).
 */
export function removeReports(
  context: CliContext,
  dir: string,
  targets: readonly ClearTarget[],
  dryRun: boolean,
): void {
  const layout = storeLayout(dir);
  const removed: string[] = [];
  for (const target of targets) {
    const fingerprint = target.fingerprint || parseReportFileName(target.file)?.fingerprint || '';
    const names = fingerprint
      ? ['', '.gz', '.bz2', '.xz'].map(suffix => `${fingerprint}.json${suffix}`)
      : [target.file];
    if (dryRun) {
      for (const name of names)
        if (fs.existsSync(path.join(dir, name)))
          context.out.write(`would remove ${shownPath(dir, name)}\n`);
      continue;
    }
    const lock = lockOf(layout.locks, fingerprint);
    try {
      for (const name of names) {
        try {
          fs.unlinkSync(path.join(dir, name));
          removed.push(name);
          context.out.write(`removed ${shownPath(dir, name)}\n`);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          context.warn(
            `${shownPath(dir, name)}: cannot be removed (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
          );
          context.fail(EXIT.partial);
        }
      }
    } finally {
      lock?.release();
    }
  }
  if (removed.length > 0) {
    try {
      appendIndexLines(
        layout,
        removed.map(name => encodeIndexLine(removedEntry(name, ''))),
        { staleMs: LOCK_STALE_MS, waitMs: 2000 },
        true,
      );
    } catch {
      // The directory's mtime changed: the next reader rebuilds the index.
    }
  }
  if (targets.length === 0) context.out.write('nothing to remove\n');
}

function lockOf(locks: string, fingerprint: string): FileLock | null {
  if (!fingerprint) return null;
  try {
    return FileLock.acquireSync(path.join(locks, `${fingerprint}.lock`), {
      staleMs: LOCK_STALE_MS,
      waitMs: 2000,
    });
  } catch {
    // No locks directory (a foreign directory): no writer of ours to exclude.
    return null;
  }
}
