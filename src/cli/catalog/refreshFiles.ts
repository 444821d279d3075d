import fs from 'node:fs';
import path from 'node:path';
import { stampOf } from '../../store/FileStamp.ts';
import { encodeIndexLine, removedEntry } from '../../store/IndexEntry.ts';
import { appendIndexLines } from '../../store/indexFile.ts';
import type { StoreLayout } from '../../store/storeLayout.ts';
import { LOCK_STALE_MS } from './indexStaleness.ts';

/**
 * Summarises files again (OTLP files the Collector appended to) and appends, per file, a
 * removal of its old entries and its new ones. False when the index could not take them (then
 * the caller rebuilds). Loads the input readers on demand.
 */
export async function refreshFiles(
  layout: StoreLayout,
  files: readonly string[],
): Promise<boolean> {
  const { summarizeFile } = await import('./summarizeFile.ts');
  const lines: string[] = [];
  for (const file of files) {
    lines.push(encodeIndexLine(removedEntry(file, '')));
    const stats = fs.lstatSync(path.join(layout.dir, file), {
      bigint: true,
      throwIfNoEntry: false,
    });
    if (stats?.isFile()) {
      lines.push(...summarizeFile(layout.dir, file, stampOf(stats)).map(encodeIndexLine));
    }
  }
  try {
    return appendIndexLines(layout, lines, { staleMs: LOCK_STALE_MS, waitMs: 2000 }, false);
  } catch {
    return false;
  }
}
