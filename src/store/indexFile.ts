import fs from 'node:fs';
import path from 'node:path';
import { FileLock, type LockTiming } from './FileLock.ts';
import { forEachLine } from './forEachLine.ts';
import { FIELD, FIELD_COUNT, indexHeader, KIND, parseIndexHeader } from './IndexEntry.ts';
import { scanIndexLine } from './scanIndexLine.ts';
import type { StoreLayout } from './storeLayout.ts';
import { writeFileAtomicSync } from './writeFileAtomicSync.ts';

/** Longest index line read; longer ones are corrupt (entries are clipped far below). */
export const MAX_INDEX_LINE = 64 * 1024;

/** A writer compacts the index once it exceeds twice its live size plus this. */
const COMPACT_SLACK_BYTES = 1024 * 1024;

/** The lock every change of the index file is made under. */
export function indexLockPath(layout: StoreLayout): string {
  return path.join(layout.locks, 'index.lock');
}

/** Creates an index holding only the header, if none exists (for a directory known to hold no report). */
export function createEmptyIndex(layout: StoreLayout): void {
  try {
    fs.writeFileSync(layout.index, `${indexHeader(0)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Appends lines under the index lock. Returns false when there is no index (a reader will build
 * one) or the lock could not be had in time; then the `stale` marker tells readers that the
 * index misses an update. With `compact`, rewrites the index once it has grown past twice its live
 * size (an error storm appends one line per window). Throws fs errors.
 */
export function appendIndexLines(
  layout: StoreLayout,
  lines: readonly string[],
  timing: LockTiming,
  compact: boolean,
): boolean {
  const lock = FileLock.acquireSync(indexLockPath(layout), timing);
  if (lock === null) {
    fs.writeFileSync(layout.stale, '', { mode: 0o600 });
    return false;
  }
  try {
    let fd: number;
    try {
      fd = fs.openSync(layout.index, fs.constants.O_RDWR | fs.constants.O_APPEND);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    try {
      fs.writeSync(fd, `${lines.join('\n')}\n`);
      if (compact) compactIfBloated(layout, fd);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } finally {
    lock.release();
  }
}

/** Identity of an entry: its file, plus the fingerprint for OTLP files (one entry per fingerprint). */
export function entryKey(file: string, fingerprint: string, kind: number): string {
  return kind === KIND.otlp ? `${file}\0${fingerprint}` : file;
}

/**
 * Keeps only the latest line of each entry and drops removed ones; the set of files described
 * stays the same, which is what readers check the directory against. Caller holds the index lock.
 */
function compactIfBloated(layout: StoreLayout, fd: number): void {
  const stats = fs.fstatSync(fd);
  const head = Buffer.alloc(256);
  const headLength = fs.readSync(fd, head, 0, head.length, 0);
  const newline = head.subarray(0, headLength).indexOf(10);
  const live = newline < 0 ? null : parseIndexHeader(head.toString('utf8', 0, newline));
  if (live === null || Number(stats.size) <= live * 2 + COMPACT_SLACK_BYTES) return;
  const latest = new Map<string, string>();
  const bounds = new Int32Array(FIELD_COUNT * 2);
  const numbers = new Float64Array(FIELD_COUNT);
  forEachLine(
    fd,
    (chunk, start, end) => {
      if (!scanIndexLine(chunk, start, end, bounds, numbers)) return;
      const text = chunk.toString('utf8', start, end);
      const fields = JSON.parse(text) as unknown[];
      const key = entryKey(
        String(fields[FIELD.file]),
        String(fields[FIELD.fingerprint]),
        numbers[0]!,
      );
      latest.delete(key);
      if (numbers[0] !== KIND.removed) latest.set(key, text);
    },
    MAX_INDEX_LINE,
  );
  const entries = [...latest.values()].join('\n');
  const body = `${indexHeader(Buffer.byteLength(entries))}\n${entries}${entries ? '\n' : ''}`;
  writeFileAtomicSync(layout.index, layout.tmp, Buffer.from(body), false);
}
