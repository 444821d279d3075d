import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ErrorInfo } from '../../../src/errorinfo/ErrorInfo.ts';
import { fromJSON, fromJSONGzip } from '../../../src/errorinfo/codec.ts';
import { parseReportFileName } from '../../../src/store/storeLayout.ts';

/** A fresh temporary directory (removed by `removeTemp`). */
export function tempDir(prefix = 'err-exporter-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a directory made by `tempDir`, whatever its modes. */
export function removeTemp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The reports in `dir`, by fingerprint (`.json` and `.json.gz`). */
export function readReports(dir: string): Map<string, ErrorInfo> {
  const reports = new Map<string, ErrorInfo>();
  if (!fs.existsSync(dir)) return reports;
  for (const name of fs.readdirSync(dir)) {
    const parsed = parseReportFileName(name);
    if (parsed === null) continue;
    const bytes = fs.readFileSync(path.join(dir, name));
    reports.set(
      parsed.fingerprint,
      parsed.compression === 'gz' ? fromJSONGzip(bytes) : fromJSON(bytes.toString('utf8')),
    );
  }
  return reports;
}

/** The report file names in `dir`, sorted. */
export function reportNames(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(name => parseReportFileName(name) !== null)
    .sort();
}
