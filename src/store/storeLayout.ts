import path from 'node:path';

/**
 * On-disk layout of a report directory:
 * - `<fingerprint>.json` or `<fingerprint>.json.gz`: one ErrorInfo 2.x report per bug (0600);
 * - `.otel-err/index.jsonl`: the summary index `err list` reads instead of every report;
 * - `.otel-err/locks/<name>.lock`: per-fingerprint and index locks (O_EXCL files);
 * - `.otel-err/tmp/`: temporary files renamed into place;
 * - `.otel-err/stale`: marker a writer leaves when it could not update the index;
 * - `.otel-err/verified`: the directory mtime (and index inode) whose file names a reader last
 *   found to match the index.
 * Locks and temporary files live below `.otel-err/` so that only the final rename of a report (and
 * deletions) change the report directory's mtime: the index is fresh while its mtime is not older.
 */
export interface StoreLayout {
  /** The report directory as the caller spelled it. */
  dir: string;
  /** `.otel-err/` inside it. */
  meta: string;
  /** The summary index. */
  index: string;
  /** Lock files. */
  locks: string;
  /** Temporary files. */
  tmp: string;
  /** Marker: the index misses an update. */
  stale: string;
  /** Marker: the names of the directory matched the index at this directory state. */
  verified: string;
}

/** Name of the metadata directory inside a report directory. */
export const META_DIR = '.otel-err';

/** Compression suffixes a report file may carry (`gz` is ours; `bz2` and `xz` are Gufo Err's). */
export type ReportCompression = 'gz' | 'bz2' | 'xz';

const REPORT_NAME =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json(?:\.(gz|bz2|xz))?$/;
const FINGERPRINT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The paths of a report directory's layout. */
export function storeLayout(dir: string): StoreLayout {
  const meta = path.join(dir, META_DIR);
  return {
    dir,
    meta,
    index: path.join(meta, 'index.jsonl'),
    locks: path.join(meta, 'locks'),
    tmp: path.join(meta, 'tmp'),
    stale: path.join(meta, 'stale'),
    verified: path.join(meta, 'verified'),
  };
}

/** Whether `text` is a lowercase canonical UUID, the only fingerprint form used in file names. */
export function isFingerprint(text: unknown): text is string {
  return typeof text === 'string' && FINGERPRINT.test(text);
}

/** `<fingerprint>.json`, or `<fingerprint>.json.gz` when compressed. */
export function reportFileName(fingerprint: string, compressed: boolean): string {
  return `${fingerprint}.json${compressed ? '.gz' : ''}`;
}

/** The fingerprint and compression of a report file name, or `null` for any other name. */
export function parseReportFileName(
  name: string,
): { fingerprint: string; compression: ReportCompression | null } | null {
  const match = REPORT_NAME.exec(name);
  if (match === null) return null;
  return {
    fingerprint: match[1]!,
    compression: (match[2] as ReportCompression | undefined) ?? null,
  };
}
