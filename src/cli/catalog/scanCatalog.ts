import type { FileStamp } from '../../store/FileStamp.ts';
import {
  decodeIndexLine,
  FIELD,
  FIELD_COUNT,
  type IndexEntry,
  KIND,
  parseIndexHeader,
} from '../../store/IndexEntry.ts';
import { scanIndexLine } from '../../store/scanIndexLine.ts';
import {
  Catalog,
  type RowArrays,
  type RowColumnArrays,
  type RowStrings,
  ROW_COLUMNS,
  ROW_MATCHES,
} from './Catalog.ts';
import { Columns } from './Columns.ts';
import { ColumnKeyedTable, HashTable, hashInto, resetHash } from './HashTable.ts';
import type { LineSource } from './LineSource.ts';

/** What a scan keeps besides the numbers, and which rows it marks as matching. */
export interface ScanOptions {
  /** Keep each row's fingerprint text (prefix lookups). */
  fingerprints?: boolean;
  /** Keep each row's service and exception type (sorting by them, stats). */
  strings?: boolean;
  /** Rows match only if their service is one of these. */
  services?: readonly string[];
  /** Rows match only if their exception type is one of these. */
  types?: readonly string[];
}

const ENTRY_COLUMNS = {
  ...ROW_COLUMNS,
  lineNo: 'u32',
  file1: 'u32',
  file2: 'u32',
  key1: 'u32',
  key2: 'u32',
} as const;
const ROW_COLUMN_NAMES = Object.keys(ROW_COLUMNS) as (keyof typeof ROW_COLUMNS)[];
/** An entry without fingerprint: an OTLP file's marker, or a bad file. */
const NO_FINGERPRINT = 2;
/** Typical bytes of an index line: sizes the columns so that they rarely grow while scanning. */
const TYPICAL_LINE_BYTES = 250;

type EntryArrays = Columns<keyof typeof ENTRY_COLUMNS>['arrays'];

/**
 * Reads every index line once, allocating nothing per line on the default path: lines are
 * validated by `scanIndexLine`, a later line of an entry replaces the earlier one, a removal drops
 * what came before it, and entries are grouped by fingerprint (one row each: an ErrorInfo report
 * wins over a Gufo Err one, which wins over OTLP events; OTLP events across files add up). Rows
 * keep only numbers and where their line is; `Catalog.entries()` reads the lines again to print.
 */
export function scanCatalog(source: LineSource, options: ScanOptions = {}): Catalog {
  const expected = source.size / TYPICAL_LINE_BYTES;
  const entries = new Columns(ENTRY_COLUMNS, expected);
  const keys = new ColumnKeyedTable(
    expected,
    () => entries.arrays.key1,
    () => entries.arrays.key2,
  );
  const removals = new HashTable();
  const bounds = new Int32Array(FIELD_COUNT * 2);
  const numbers = new Float64Array(FIELD_COUNT);
  const hash = new Uint32Array(2);
  const fileHash = new Uint32Array(2);
  const strings = new Map<number, RowStrings>();
  const keepStrings = stringKeeper(options);
  const services = (options.services ?? []).map(name => Buffer.from(JSON.stringify(name)));
  const types = (options.types ?? []).map(name => Buffer.from(JSON.stringify(name)));
  let headerValid = false;
  let corruptLines = 0;
  let lineNo = 0;
  source.forEachLine((buf, start, end, offset) => {
    lineNo++;
    if (offset === 0) {
      headerValid = parseIndexHeader(buf.toString('utf8', start, end)) !== null;
      return;
    }
    if (!scanIndexLine(buf, start, end, bounds, numbers)) {
      corruptLines++;
      return;
    }
    const kind = numbers[FIELD.kind]!;
    resetHash(fileHash);
    hashInto(fileHash, buf, bounds[FIELD.file * 2]!, bounds[FIELD.file * 2 + 1]!);
    if (kind === KIND.removed) {
      removals.set(fileHash[0]!, fileHash[1]!, lineNo);
      return;
    }
    const fpStart = bounds[FIELD.fingerprint * 2]!;
    const fpEnd = bounds[FIELD.fingerprint * 2 + 1]!;
    hash.set(fileHash);
    if (kind === KIND.otlp) hashInto(hash, buf, fpStart, fpEnd);
    let e = keys.get(hash[0]!, hash[1]!);
    if (e < 0) {
      e = entries.add();
      entries.arrays.key1[e] = hash[0]!;
      entries.arrays.key2[e] = hash[1]!;
      keys.add(e);
    }
    const c = entries.arrays;
    c.kind[e] = kind;
    c.lastSeen[e] = numbers[FIELD.lastSeen]!;
    c.firstSeen[e] = numbers[FIELD.firstSeen]!;
    c.count[e] = numbers[FIELD.count]!;
    c.offset[e] = offset;
    c.length[e] = end - start;
    c.lineNo[e] = lineNo;
    c.file1[e] = fileHash[0]!;
    c.file2[e] = fileHash[1]!;
    resetHash(hash);
    hashInto(hash, buf, fpStart, fpEnd);
    c.fp1[e] = hash[0]!;
    c.fp2[e] = hash[1]!;
    c.head[e] = hexHead(buf, fpStart + 1, fpEnd - 1);
    const matches =
      oneOf(buf, bounds, FIELD.service, services) && oneOf(buf, bounds, FIELD.type, types);
    c.flags[e] = (matches ? ROW_MATCHES : 0) | (fpEnd - fpStart === 2 ? NO_FINGERPRINT : 0);
    if (keepStrings !== null) strings.set(e, keepStrings(buf, bounds));
  });
  return group(source, entries.arrays, entries.length, removals, strings, {
    headerValid,
    corruptLines,
  });
}

/**
 * Folds the live entries into one row per fingerprint, in place: row `g` is only ever written
 * from an entry `e >= g`, so the entry columns become the row columns without a copy. Collects
 * bad files and OTLP file markers on the way.
 */
function group(
  source: LineSource,
  c: EntryArrays,
  count: number,
  removals: HashTable,
  entryStrings: Map<number, RowStrings>,
  state: { headerValid: boolean; corruptLines: number },
): Catalog {
  const rows: RowColumnArrays = c;
  const groups = new ColumnKeyedTable(
    count,
    () => rows.fp1,
    () => rows.fp2,
  );
  const files = new ColumnKeyedTable(
    count,
    () => c.file1,
    () => c.file2,
  );
  let fileCount = 0;
  let size = 0;
  const strings: RowStrings[] = [];
  const problems: { file: string; problem: string }[] = [];
  const otlpFiles: { file: string; stamp: FileStamp }[] = [];
  const read = (e: number): IndexEntry => decodeIndexLine(source.line(c.offset[e]!, c.length[e]!));
  const take = (g: number, e: number): void => {
    if (g !== e) for (const name of ROW_COLUMN_NAMES) rows[name][g] = c[name][e]!;
    const kept = entryStrings.get(e);
    if (kept !== undefined) strings[g] = kept;
  };
  for (let e = 0; e < count; e++) {
    if (removals.get(c.file1[e]!, c.file2[e]!) > c.lineNo[e]!) continue;
    if (files.get(c.file1[e]!, c.file2[e]!) < 0) {
      files.add(e);
      fileCount++;
    }
    const kind = c.kind[e]!;
    if (kind === KIND.bad) {
      const { file, message } = read(e);
      problems.push({ file, problem: message });
    } else if (c.flags[e]! & NO_FINGERPRINT) {
      if (kind === KIND.otlp) otlpFiles.push(read(e));
    } else {
      const g = groups.get(c.fp1[e]!, c.fp2[e]!);
      if (g < 0) {
        take(size, e);
        groups.add(size++);
      } else if (kind === KIND.otlp && rows.kind[g] === KIND.otlp) {
        // Events of one bug in several OTLP files add up; the latest event represents them.
        const total = rows.count[g]! + c.count[e]!;
        const first = Math.min(rows.firstSeen[g]!, c.firstSeen[e]!);
        const last = Math.max(rows.lastSeen[g]!, c.lastSeen[e]!);
        if (c.lastSeen[e]! >= rows.lastSeen[g]!) take(g, e);
        rows.count[g] = total;
        rows.firstSeen[g] = first;
        rows.lastSeen[g] = last;
      } else if (outranks(c, e, rows, g)) {
        take(g, e);
      }
    }
  }
  const kept = entryStrings.size > 0 ? strings : null;
  const arrays: RowArrays = { ...pick(rows), size };
  return new Catalog(source, arrays, kept, {
    ...state,
    problems,
    otlpFiles,
    files: { count: fileCount, has: (h1, h2) => files.get(h1, h2) >= 0 },
  });
}

/** Whether entry `e` should represent row `g` instead: a better source, or the same one seen later. */
function outranks(c: EntryArrays, e: number, rows: RowColumnArrays, g: number): boolean {
  const kind = c.kind[e]!;
  const rowKind = rows.kind[g]!;
  if (kind !== rowKind) return kind < rowKind;
  return (
    c.lastSeen[e]! > rows.lastSeen[g]! ||
    (c.lastSeen[e] === rows.lastSeen[g] && c.count[e]! > rows.count[g]!)
  );
}

function pick(columns: RowColumnArrays): RowColumnArrays {
  return Object.fromEntries(ROW_COLUMN_NAMES.map(name => [name, columns[name]])) as RowColumnArrays;
}

function stringKeeper(
  options: ScanOptions,
): ((buf: Buffer, bounds: Int32Array) => RowStrings) | null {
  if (!options.fingerprints && !options.strings) return null;
  const interned = new Map<string, string>();
  const text = (buf: Buffer, bounds: Int32Array, field: number): string => {
    const raw = buf.toString('utf8', bounds[field * 2], bounds[field * 2 + 1]);
    const value = JSON.parse(raw) as string;
    const shared = interned.get(value);
    if (shared !== undefined) return shared;
    interned.set(value, value);
    return value;
  };
  return (buf, bounds) => ({
    ...(options.fingerprints ? { fingerprint: text(buf, bounds, FIELD.fingerprint) } : {}),
    ...(options.strings
      ? { service: text(buf, bounds, FIELD.service), type: text(buf, bounds, FIELD.type) }
      : {}),
  });
}

function oneOf(buf: Buffer, bounds: Int32Array, field: number, wanted: readonly Buffer[]): boolean {
  if (wanted.length === 0) return true;
  const start = bounds[field * 2]!;
  const end = bounds[field * 2 + 1]!;
  return wanted.some(text => buf.compare(text, 0, text.length, start, end) === 0);
}

/** The first 8 hex digits of a fingerprint as a number (0 for anything else): its sort key. */
function hexHead(buf: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < Math.min(end, start + 8); i++) {
    const byte = buf[i]! | 0x20;
    const digit = byte <= 0x39 ? byte - 0x30 : byte - 0x57;
    if (digit < 0 || digit > 15) return value;
    value = value * 16 + digit;
  }
  return value;
}
