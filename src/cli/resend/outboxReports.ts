import fs from 'node:fs';
import path from 'node:path';
import type { ErrorInfo } from '../../errorinfo/ErrorInfo.ts';
import { deliveryOf } from '../../store/delivery.ts';
import {
  readRegularFileSync,
  reportText,
  UnreadableFileError,
} from '../../store/readReportText.ts';
import { parseReportFileName } from '../../store/storeLayout.ts';
import type { Problem } from '../catalog/Catalog.ts';
import { inputLimits } from '../catalog/inputLimits.ts';
import { decodeReport } from '../sources/decodeReport.ts';

/** A report to (re)send: its file name (in the directory), whether gzipped, and the report. */
export interface OutboxReport {
  /** File name inside the report directory. */
  file: string;
  /** Whether the file is `.json.gz` (the mark must keep the compression). */
  gzip: boolean;
  /** The decoded report. */
  info: ErrorInfo;
}

/** What `outboxReports` found: the reports to send, oldest first, and the files it could not read. */
export interface Outbox {
  /** Reports whose delivery to the destination is due. */
  reports: OutboxReport[];
  /** Unreadable report files. */
  problems: Problem[];
}

/**
 * The ErrorInfo 2.x reports of `dir` that `destination` has not accepted: pending (`null`) ones,
 * and with `all` also those that never listed it. Gufo Err and OTLP files are not an outbox of
 * ours and are skipped. Sorted by first seen, then fingerprint.
 */
export function outboxReports(dir: string, destination: string, all: boolean): Outbox {
  const reports: OutboxReport[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const file of fs.readdirSync(dir).sort()) {
    const name = parseReportFileName(file);
    if (name === null || (name.compression !== null && name.compression !== 'gz')) continue;
    // A .json/.json.gz twin of a crash during a config change: the first one read stands for both.
    if (seen.has(name.fingerprint)) continue;
    let info: ErrorInfo;
    try {
      const filePath = path.join(dir, file);
      const mtime = fs.lstatSync(filePath).mtime;
      const bytes = readRegularFileSync(filePath, inputLimits.reportBytes);
      const decoded = decodeReport(
        reportText(bytes, name.compression, inputLimits.reportBytes),
        mtime,
      );
      if (decoded.format !== 'errorinfo') continue;
      info = decoded.info;
    } catch (error) {
      if (!(error instanceof UnreadableFileError || isFsError(error))) throw error;
      if (isGone(error)) continue;
      problems.push({ file, problem: problemOf(error) });
      continue;
    }
    seen.add(name.fingerprint);
    const delivery = deliveryOf(info);
    const due = Object.hasOwn(delivery, destination) ? delivery[destination] === null : all;
    if (due) reports.push({ file, gzip: name.compression === 'gz', info });
  }
  reports.sort(
    (a, b) =>
      a.info.firstSeen.getTime() - b.info.firstSeen.getTime() ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  return { reports, problems };
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** Removed since the directory was listed (an `err clear`, an eviction): nothing to send. */
function isGone(error: UnreadableFileError | NodeJS.ErrnoException): boolean {
  return error instanceof UnreadableFileError ? error.missing : error.code === 'ENOENT';
}

function problemOf(error: UnreadableFileError | NodeJS.ErrnoException): string {
  return error instanceof UnreadableFileError
    ? error.reason
    : `cannot be read (${error.code ?? 'error'})`;
}
