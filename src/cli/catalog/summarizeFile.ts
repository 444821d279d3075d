import path from 'node:path';
import { pendingDestinations } from '../../store/delivery.ts';
import type { FileStamp } from '../../store/FileStamp.ts';
import { badFileEntry, type IndexEntry, KIND, summarizeReport } from '../../store/IndexEntry.ts';
import {
  readRegularFileSync,
  reportText,
  UnreadableFileError,
} from '../../store/readReportText.ts';
import { parseReportFileName } from '../../store/storeLayout.ts';
import { decodeReport } from '../sources/decodeReport.ts';
import { otlpIdentity } from '../sources/otlpErrorInfo.ts';
import { readOtlpFile } from '../sources/readOtlpFile.ts';
import { inputKind } from './inputKind.ts';
import { inputLimits } from './inputLimits.ts';

/**
 * The index entries of one input file: one for a report; for an OTLP file a marker entry
 * (fingerprint `''`, holding the file's stamp) plus one per fingerprint found; a bad file (or an
 * OTLP file with bad lines) gets a `bad` entry naming the problem. Never throws for bad content.
 */
export function summarizeFile(dir: string, name: string, stamp: FileStamp): IndexEntry[] {
  const filePath = path.join(dir, name);
  try {
    return inputKind(name) === 'otlp'
      ? summarizeOtlp(filePath, name, stamp)
      : [summarizeReportFile(filePath, name, stamp)];
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return [badFileEntry(name, stamp, error.reason)];
  }
}

function summarizeReportFile(filePath: string, name: string, stamp: FileStamp): IndexEntry {
  const { compression, fingerprint } = parseReportFileName(name)!;
  const bytes = readRegularFileSync(filePath, inputLimits.reportBytes);
  const text = reportText(bytes, compression, inputLimits.reportBytes);
  const { info, format } = decodeReport(text, new Date(stamp.mtimeUs / 1000));
  const kind = format === 'gufo' ? KIND.gufo : KIND.errorinfo;
  const entry = summarizeReport(info, kind, name, stamp, pendingDestinations(info));
  return { ...entry, fingerprint: info.fingerprint ?? fingerprint };
}

function summarizeOtlp(filePath: string, name: string, stamp: FileStamp): IndexEntry[] {
  const byFingerprint = new Map<string, IndexEntry>();
  const result = readOtlpFile(filePath, inputLimits.otlp, occurrence => {
    const identity = otlpIdentity(occurrence);
    const seen = byFingerprint.get(identity.fingerprint);
    if (seen !== undefined) {
      seen.count++;
      seen.firstSeen = Math.min(seen.firstSeen, occurrence.time);
      if (occurrence.time < seen.lastSeen) return;
    }
    byFingerprint.set(identity.fingerprint, {
      kind: KIND.otlp,
      lastSeen: occurrence.time,
      count: seen?.count ?? 1,
      firstSeen: seen?.firstSeen ?? occurrence.time,
      stamp,
      file: name,
      fingerprint: identity.fingerprint,
      service: identity.service,
      version: identity.version,
      type: identity.type,
      message: identity.message,
      placeFile: identity.place?.file ?? null,
      placeLine: identity.place?.line ?? null,
      placeFunction: identity.place?.function ?? null,
      pending: '',
    });
  });
  const entries = [
    { ...badFileEntry(name, stamp, ''), kind: KIND.otlp },
    ...byFingerprint.values(),
  ];
  if (result.firstBad !== null) {
    const { line, reason } = result.firstBad;
    const problem = `has ${result.badLines} of ${result.lines} lines that are not OTLP JSON (line ${line}: ${reason})`;
    entries.push(badFileEntry(name, stamp, problem));
  }
  return entries;
}
