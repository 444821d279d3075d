import fs from 'node:fs';
import path from 'node:path';
import { type FileStamp, sameStamp, stampOf } from '../../store/FileStamp.ts';
import { storeLayout, type StoreLayout } from '../../store/storeLayout.ts';
import type { Catalog } from './Catalog.ts';
import { indexStaleness } from './indexStaleness.ts';
import { FileLineSource, type LineSource } from './LineSource.ts';
import { namesMismatch } from './namesMismatch.ts';
import { scanCatalog, type ScanOptions } from './scanCatalog.ts';
import { refreshFiles } from './refreshFiles.ts';

/** How the catalog is loaded. */
export interface LoadOptions extends ScanOptions {
  /** Rebuild the index even if it looks fresh. */
  reindex?: boolean;
  /** Receives one line per decision (for `--debug`). */
  debug?: (message: string) => void;
}

/**
 * The catalog of a report directory: the index when it is fresh, else an index rebuilt from the
 * files. An index that turns out invalid (bad header, corrupt lines) is rebuilt; OTLP files that
 * grew since they were summarised (the Collector appends without changing the directory) are
 * summarised again and their new lines appended. The rebuild code (and the readers of every
 * input format) is loaded only when a rebuild is needed: a fresh index is listed without it.
 * Throws fs errors of the directory itself.
 */
export async function loadCatalog(dir: string, options: LoadOptions = {}): Promise<Catalog> {
  const layout = storeLayout(dir);
  const debug = options.debug ?? (() => undefined);
  const staleness = options.reindex ? 'asked to rebuild' : indexStaleness(layout);
  let rebuilt = staleness !== null;
  if (rebuilt) debug(`rebuilding the index: ${staleness}`);
  const rebuild = async (): Promise<LineSource> =>
    (await import('./rebuildIndex.ts')).rebuildIndex(layout);
  let catalog = scanCatalog(rebuilt ? await rebuild() : openIndex(layout), options);
  const distrust = rebuilt ? null : distrustOf(layout, catalog);
  if (distrust !== null) {
    debug(`rebuilding the index: ${distrust}`);
    catalog.close();
    catalog = scanCatalog(await rebuild(), options);
    rebuilt = true;
  }
  const changed = catalog.otlpFiles.filter(({ file, stamp }) => !unchanged(layout, file, stamp));
  if (changed.length > 0) {
    debug(`reading again ${changed.length} changed OTLP files`);
    catalog.close();
    const files = changed.map(({ file }) => file);
    const appended = !rebuilt && (await refreshFiles(layout, files));
    catalog = scanCatalog(appended ? openIndex(layout) : await rebuild(), options);
  }
  return catalog;
}

/** Why a scanned index cannot be used, or `null`: its header, a corrupt line, or the file names. */
function distrustOf(layout: StoreLayout, catalog: Catalog): string | null {
  if (!catalog.headerValid) return 'its header is invalid';
  if (catalog.corruptLines > 0) return `${catalog.corruptLines} corrupt lines`;
  return namesMismatch(layout, catalog);
}

function openIndex(layout: StoreLayout): LineSource {
  return new FileLineSource(
    fs.openSync(layout.index, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0)),
  );
}

function unchanged(layout: StoreLayout, file: string, stamp: FileStamp): boolean {
  const stats = fs.lstatSync(path.join(layout.dir, file), { bigint: true, throwIfNoEntry: false });
  return stats !== undefined && sameStamp(stampOf(stats), stamp);
}
