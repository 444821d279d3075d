import type { FileStamp } from '../../store/FileStamp.ts';
import { decodeIndexLine, type EntryKind, type IndexEntry } from '../../store/IndexEntry.ts';
import type { LineSource } from './LineSource.ts';

type Column = Float64Array | Uint32Array | Uint8Array;

/** The columns kept per row (one row per fingerprint): ~50 bytes, no object per row. */
export const ROW_COLUMNS = {
  kind: 'u8',
  flags: 'u8',
  lastSeen: 'f64',
  firstSeen: 'f64',
  count: 'f64',
  offset: 'f64',
  length: 'u32',
  head: 'u32',
  fp1: 'u32',
  fp2: 'u32',
} as const;

/** Bit of `flags`: the row passed the scan's service and type filters. */
export const ROW_MATCHES = 1;

/** The row columns. */
export type RowColumnArrays = Record<keyof typeof ROW_COLUMNS, Column>;

/** The row columns and how many rows they hold. */
export type RowArrays = RowColumnArrays & { size: number };

/** Texts a scan keeps per row on request. */
export interface RowStrings {
  /** The fingerprint. */
  fingerprint?: string;
  /** The service. */
  service?: string;
  /** The exception type. */
  type?: string;
}

/** A file the CLI could not read, and why. */
export interface Problem {
  /** File name inside the directory. */
  file: string;
  /** One line: what is wrong. */
  problem: string;
}

/** The files the index describes, by the hash of their JSON-encoded name (as `hashInto` computes it). */
export interface IndexedFiles {
  /** How many distinct files. */
  count: number;
  /** Whether the file with this name hash is described. */
  has(h1: number, h2: number): boolean;
}

/** The scanned index: rows by number, their sort keys, and each row's full entry on demand. */
export class Catalog {
  /** Files that could not be read (from the index's `bad` entries). */
  readonly problems: readonly Problem[];
  /** OTLP files the index summarises, with the stamp of the version it saw. */
  readonly otlpFiles: readonly { file: string; stamp: FileStamp }[];
  /** Whether the index starts with a header of this version. */
  readonly headerValid: boolean;
  /** Index lines that failed validation. */
  readonly corruptLines: number;
  /** The row columns. */
  readonly rows: RowArrays;
  /** The files the index describes. */
  readonly files: IndexedFiles;
  private readonly _source: LineSource;
  private readonly _strings: readonly RowStrings[] | null;

  /** Built by `scanCatalog`. */
  constructor(
    source: LineSource,
    rows: RowArrays,
    strings: readonly RowStrings[] | null,
    state: {
      problems: Problem[];
      otlpFiles: { file: string; stamp: FileStamp }[];
      headerValid: boolean;
      corruptLines: number;
      files: IndexedFiles;
    },
  ) {
    this._source = source;
    this.rows = rows;
    this._strings = strings;
    this.problems = state.problems;
    this.otlpFiles = state.otlpFiles;
    this.headerValid = state.headerValid;
    this.corruptLines = state.corruptLines;
    this.files = state.files;
  }

  /** Number of rows. */
  get size(): number {
    return this.rows.size;
  }

  /** Latest occurrence of a row (ms). */
  lastSeen(row: number): number {
    return this.rows.lastSeen[row]!;
  }

  /** Earliest occurrence of a row (ms). */
  firstSeen(row: number): number {
    return this.rows.firstSeen[row]!;
  }

  /** Occurrences of a row. */
  count(row: number): number {
    return this.rows.count[row]!;
  }

  /** What the row comes from. */
  kind(row: number): EntryKind {
    return this.rows.kind[row] as EntryKind;
  }

  /** Whether the row passed the scan's service and type filters. */
  matches(row: number): boolean {
    return (this.rows.flags[row]! & ROW_MATCHES) !== 0;
  }

  /**
   * Orders two rows by fingerprint: by its first 8 hex digits, then (for the rare rows sharing
   * them) by a hash of the whole fingerprint, which is the same from run to run.
   */
  compareFingerprints(a: number, b: number): number {
    const { head, fp1, fp2 } = this.rows;
    return head[a]! - head[b]! || fp1[a]! - fp1[b]! || fp2[a]! - fp2[b]!;
  }

  /** The row's fingerprint, service and type, when the scan kept them. */
  strings(row: number): RowStrings {
    return this._strings?.[row] ?? {};
  }

  /** The row's full entry (its line read again), with the row's totals. */
  entry(row: number): IndexEntry {
    const line = this._source.line(this.rows.offset[row]!, this.rows.length[row]!);
    return this._withTotals(decodeIndexLine(line), row);
  }

  /**
   * The entries of many rows, in the order given: their lines are fetched with few reads, then
   * decoded one at a time, so that each entry is garbage as soon as it has been printed.
   */
  *entries(rows: Uint32Array): Generator<IndexEntry> {
    const offsets = new Float64Array(rows.length);
    const lengths = new Uint32Array(rows.length);
    rows.forEach((row, i) => {
      offsets[i] = this.rows.offset[row]!;
      lengths[i] = this.rows.length[row]!;
    });
    const lines = this._source.lines(offsets, lengths);
    for (let i = 0; i < lines.length; i++) {
      yield this._withTotals(decodeIndexLine(lines[i]!), rows[i]!);
    }
  }

  /** Releases the index file. */
  close(): void {
    this._source.close();
  }

  private _withTotals(entry: IndexEntry, row: number): IndexEntry {
    entry.count = this.rows.count[row]!;
    entry.firstSeen = this.rows.firstSeen[row]!;
    entry.lastSeen = this.rows.lastSeen[row]!;
    return entry;
  }
}
