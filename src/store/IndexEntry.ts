/**
 * One line of `.otel-err/index.jsonl`: the summary of one report file (or, for an OTLP file, of
 * one fingerprint in it) that `err list` shows without opening the file. The line is a compact
 * JSON array in the order of `FIELD` (numbers first, so the reader can sort without parsing the
 * strings). The first line of the file is the header (`indexHeader`).
 */
import type { ErrorInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import type { FileStamp } from './FileStamp.ts';

/** `$type` of the index header. */
export const INDEX_TYPE = 'otel-err-index';

/** `$version` of the index format. */
export const INDEX_VERSION = 1;

/** The first line of an index file: type, version and the byte size of its entries when written in full. */
export function indexHeader(liveBytes: number): string {
  return JSON.stringify({ $type: INDEX_TYPE, $version: INDEX_VERSION, live: liveBytes });
}

/** The `live` size of a header line, or `null` when the line is not a header of this version. */
export function parseIndexHeader(text: string): number | null {
  try {
    const header = JSON.parse(text) as { $type?: unknown; $version?: unknown; live?: unknown };
    if (header.$type !== INDEX_TYPE || header.$version !== INDEX_VERSION) return null;
    return typeof header.live === 'number' && header.live >= 0 ? header.live : 0;
  } catch {
    return null;
  }
}

/** What an entry stands for. */
export const KIND = {
  /** The file is gone (written by `clear` and eviction; dropped by compaction). */
  removed: 0,
  /** An otel-err ErrorInfo 2.x report. */
  errorinfo: 1,
  /** A Gufo Err 1.0 report. */
  gufo: 2,
  /** The exception events of one fingerprint in an OTLP JSON file. */
  otlp: 3,
  /** A file that could not be read: `message` holds the problem. */
  bad: 9,
} as const;

/** One of `KIND`'s values. */
export type EntryKind = (typeof KIND)[keyof typeof KIND];

/** Position of each field in an index line. */
export const FIELD = {
  kind: 0,
  lastSeen: 1,
  count: 2,
  firstSeen: 3,
  ino: 4,
  size: 5,
  mtimeUs: 6,
  file: 7,
  fingerprint: 8,
  service: 9,
  version: 10,
  type: 11,
  message: 12,
  placeFile: 13,
  placeLine: 14,
  placeFunction: 15,
  pending: 16,
} as const;

/** Number of fields of an index line. */
export const FIELD_COUNT = 17;

/** A decoded index line. */
export interface IndexEntry {
  /** What the entry stands for. */
  kind: EntryKind;
  /** Latest occurrence, ms since the epoch. */
  lastSeen: number;
  /** Occurrences. */
  count: number;
  /** Earliest occurrence, ms since the epoch. */
  firstSeen: number;
  /** The file's version the summary was made from. */
  stamp: FileStamp;
  /** File name inside the report directory. */
  file: string;
  /** The fingerprint (`''` for a bad file). */
  fingerprint: string;
  /** Service name. */
  service: string;
  /** Service version. */
  version: string;
  /** Exception type. */
  type: string;
  /** Exception message (clipped), or the problem of a bad file. */
  message: string;
  /** File of the top in-app frame. */
  placeFile: string | null;
  /** Line of the top in-app frame. */
  placeLine: number | null;
  /** Function of the top in-app frame. */
  placeFunction: string | null;
  /** Destinations that have not accepted the report, comma-separated. */
  pending: string;
}

/** Longest texts kept in an entry (the report itself has them whole). */
const LIMITS = { service: 100, version: 100, type: 200, message: 160, placeFile: 200, fn: 120 };

/** The index line of an entry (no newline). */
export function encodeIndexLine(entry: IndexEntry): string {
  const { stamp } = entry;
  return JSON.stringify([
    entry.kind,
    int(entry.lastSeen),
    Math.max(1, int(entry.count)),
    int(entry.firstSeen),
    int(stamp.ino),
    int(stamp.size),
    int(stamp.mtimeUs),
    entry.file,
    entry.fingerprint,
    clipEnd(entry.service, LIMITS.service),
    clipEnd(entry.version, LIMITS.version),
    clipEnd(entry.type, LIMITS.type),
    clipEnd(entry.message, LIMITS.message),
    entry.placeFile === null ? null : clipStart(entry.placeFile, LIMITS.placeFile),
    entry.placeLine === null ? null : int(entry.placeLine),
    entry.placeFunction === null ? null : clipEnd(entry.placeFunction, LIMITS.fn),
    entry.pending,
  ]);
}

/** The entry of a line `scanIndexLine` accepted (the scan checked every type). */
export function decodeIndexLine(text: string): IndexEntry {
  const f = JSON.parse(text) as (string | number | null)[];
  return {
    kind: f[FIELD.kind] as EntryKind,
    lastSeen: f[FIELD.lastSeen] as number,
    count: f[FIELD.count] as number,
    firstSeen: f[FIELD.firstSeen] as number,
    stamp: {
      ino: f[FIELD.ino] as number,
      size: f[FIELD.size] as number,
      mtimeUs: f[FIELD.mtimeUs] as number,
    },
    file: f[FIELD.file] as string,
    fingerprint: f[FIELD.fingerprint] as string,
    service: f[FIELD.service] as string,
    version: f[FIELD.version] as string,
    type: f[FIELD.type] as string,
    message: f[FIELD.message] as string,
    placeFile: f[FIELD.placeFile] as string | null,
    placeLine: f[FIELD.placeLine] as number | null,
    placeFunction: f[FIELD.placeFunction] as string | null,
    pending: f[FIELD.pending] as string,
  };
}

/** The entry summarising a report file (its top in-app frame is the place). */
export function summarizeReport(
  info: ErrorInfo,
  kind: EntryKind,
  file: string,
  stamp: FileStamp,
  pending: readonly string[],
): IndexEntry {
  const place = placeFrame(info.frames);
  return {
    kind,
    lastSeen: info.lastSeen.getTime(),
    count: info.count,
    firstSeen: info.firstSeen.getTime(),
    stamp,
    file,
    fingerprint: info.fingerprint ?? '',
    service: info.name,
    version: info.version,
    type: info.exception.type,
    message: info.exception.message,
    placeFile: place?.file ?? null,
    placeLine: place?.line ?? null,
    placeFunction: place?.function ?? null,
    pending: pending.join(','),
  };
}

/** The entry of a file that could not be read. */
export function badFileEntry(file: string, stamp: FileStamp, problem: string): IndexEntry {
  return {
    kind: KIND.bad,
    lastSeen: 0,
    count: 1,
    firstSeen: 0,
    stamp,
    file,
    fingerprint: '',
    service: '',
    version: '',
    type: '',
    message: problem,
    placeFile: null,
    placeLine: null,
    placeFunction: null,
    pending: '',
  };
}

/** The entry saying that a file is gone. */
export function removedEntry(file: string, fingerprint: string): IndexEntry {
  return {
    ...badFileEntry(file, { ino: 0, size: 0, mtimeUs: 0 }, ''),
    kind: KIND.removed,
    fingerprint,
  };
}

/** The frame shown as a report's place: the top in-app frame with a file, else the top frame with one. */
export function placeFrame(frames: readonly Frame[]): Frame | undefined {
  return frames.find(frame => frame.inApp && frame.file !== null) ?? frames.find(f => f.file);
}

function int(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, Math.trunc(value)));
}

function clipEnd(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function clipStart(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}
