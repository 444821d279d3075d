import { KIND } from '../../store/IndexEntry.ts';
import { parseReportFileName } from '../../store/storeLayout.ts';
import type { Catalog } from '../catalog/Catalog.ts';
import { CliError } from '../CliError.ts';
import { EXIT } from '../exitCodes.ts';
import { matchOne } from '../view/matchReports.ts';

/** A report file to remove. */
export interface ClearTarget {
  /** File name in the directory. */
  file: string;
  /** Its fingerprint (`''` for an unreadable file). */
  fingerprint: string;
}

/** What to clear: prefixes (each must match exactly one report), everything, or reports last seen before a time. */
export interface ClearSelection {
  prefixes: readonly string[];
  all: boolean;
  olderThan?: number;
}

/**
 * The files to remove. OTLP rows are refused when named (their files are the Collector's) and
 * skipped otherwise. `--all` also takes unreadable files that have a report's name.
 */
export function selectForClear(catalog: Catalog, selection: ClearSelection): ClearTarget[] {
  const targets: ClearTarget[] = [];
  const take = (row: number): void => {
    const entry = catalog.entry(row);
    targets.push({ file: entry.file, fingerprint: entry.fingerprint });
  };
  for (const prefix of selection.prefixes) {
    const row = matchOne(catalog, prefix);
    if (catalog.kind(row) === KIND.otlp) {
      const { fingerprint, file } = catalog.entry(row);
      throw new CliError(
        `${fingerprint} comes from OTLP files such as ${file}, which err does not remove`,
        EXIT.usage,
      );
    }
    take(row);
  }
  if (selection.all || selection.olderThan !== undefined) {
    for (let row = 0; row < catalog.size; row++) {
      if (catalog.kind(row) === KIND.otlp) continue;
      if (selection.all || catalog.lastSeen(row) < selection.olderThan!) take(row);
    }
  }
  if (selection.all) {
    for (const { file } of catalog.problems) {
      if (parseReportFileName(file) !== null) targets.push({ file, fingerprint: '' });
    }
  }
  return targets.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
