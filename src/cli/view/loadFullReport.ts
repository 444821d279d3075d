import path from 'node:path';
import type { ErrorInfo } from '../../errorinfo/ErrorInfo.ts';
import { KIND } from '../../store/IndexEntry.ts';
import {
  readRegularFileSync,
  reportText,
  UnreadableFileError,
} from '../../store/readReportText.ts';
import { parseReportFileName } from '../../store/storeLayout.ts';
import type { Catalog } from '../catalog/Catalog.ts';
import { inputLimits } from '../catalog/inputLimits.ts';
import { CliError } from '../CliError.ts';
import { EXIT } from '../exitCodes.ts';
import { shownPath } from '../shownPath.ts';
import { decodeReport } from '../sources/decodeReport.ts';
import { otlpErrorInfo, otlpIdentity } from '../sources/otlpErrorInfo.ts';
import type { OtlpOccurrence } from '../sources/OtlpOccurrence.ts';
import { readOtlpFile } from '../sources/readOtlpFile.ts';

/**
 * The full report of a row, read again from its file (the index holds only a summary). For OTLP
 * rows: the latest occurrence of the fingerprint across the OTLP files, with the totals of all.
 * Throws a `CliError` (exit 1) naming the file when it has become unreadable.
 */
export function loadFullReport(dir: string, catalog: Catalog, row: number): ErrorInfo {
  const entry = catalog.entry(row);
  if (catalog.kind(row) !== KIND.otlp) {
    const { compression } = parseReportFileName(entry.file) ?? { compression: null };
    try {
      const bytes = readRegularFileSync(path.join(dir, entry.file), inputLimits.reportBytes);
      const text = reportText(bytes, compression, inputLimits.reportBytes);
      return decodeReport(text, new Date(entry.stamp.mtimeUs / 1000)).info;
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      throw new CliError(`${shownPath(dir, entry.file)}: ${error.reason}`, EXIT.partial);
    }
  }
  let latest: { occurrence: OtlpOccurrence; file: string } | null = null;
  for (const { file } of catalog.otlpFiles) {
    try {
      readOtlpFile(path.join(dir, file), inputLimits.otlp, occurrence => {
        if (otlpIdentity(occurrence).fingerprint !== entry.fingerprint) return;
        if (latest === null || occurrence.time >= latest.occurrence.time)
          latest = { occurrence, file };
      });
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
    }
  }
  if (latest === null) {
    throw new CliError(
      `${shownPath(dir, entry.file)}: the events of ${entry.fingerprint} are gone`,
      EXIT.partial,
    );
  }
  const { occurrence, file } = latest as { occurrence: OtlpOccurrence; file: string };
  return {
    ...otlpErrorInfo(occurrence, file),
    count: entry.count,
    firstSeen: new Date(entry.firstSeen),
    lastSeen: new Date(entry.lastSeen),
  };
}
