import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FileLock, isStaleLock } from '../../store/FileLock.ts';
import { type FileStamp, sameStamp, stampOf } from '../../store/FileStamp.ts';
import { forEachLine, type LineVisitor } from '../../store/forEachLine.ts';
import { badFileEntry, encodeIndexLine } from '../../store/IndexEntry.ts';
import { indexLockPath, MAX_INDEX_LINE } from '../../store/indexFile.ts';
import type { StoreLayout } from '../../store/storeLayout.ts';
import { IndexCollector } from './IndexCollector.ts';
import { LOCK_STALE_MS } from './indexStaleness.ts';
import { BufferLineSource, FileLineSource, type LineSource } from './LineSource.ts';
import { readOldIndex, type OldIndex } from './readOldIndex.ts';
import { inputKind } from './inputKind.ts';
import { summarizeFile } from './summarizeFile.ts';

/** Temporary files of writers older than this are leftovers of crashes. */
const LEFTOVER_MS = 60 * 60 * 1000;

/**
 * Builds the index again from the directory: every report and OTLP file is stat'ed; a file whose
 * stamp (inode, size, mtime) matches its old index line keeps that line, any other is read and
 * summarised. The new index replaces the old one under the index lock, with the lines writers
 * appended meanwhile copied over, and gets the directory mtime seen BEFORE the scan, so a change
 * the scan may have missed still makes the next reader rebuild. A directory that cannot be
 * written gets an index in memory only. Throws fs errors of reading the directory.
 */
export function rebuildIndex(layout: StoreLayout): LineSource {
  const writable = prepareMeta(layout);
  // Read after prepareMeta: creating `.otel-err/` changes the directory's mtime too.
  const dirMtime = fs.statSync(layout.dir, { bigint: true }).mtimeNs;
  const old = readOldIndex(layout);
  const out = new IndexCollector();
  try {
    const dir = fs.opendirSync(layout.dir);
    try {
      for (let dirent = dir.readSync(); dirent !== null; dirent = dir.readSync()) {
        if (inputKind(dirent.name) === null) continue;
        collect(layout, dirent.name, old, out);
      }
    } finally {
      dir.closeSync();
    }
    return writable
      ? install(layout, out, old, dirMtime)
      : new BufferLineSource(out.finish(old?.source ?? null));
  } finally {
    old?.close();
  }
}

/** Adds the lines of one directory entry: its old lines when its stamp is unchanged, else new ones. */
function collect(
  layout: StoreLayout,
  name: string,
  old: OldIndex | null,
  out: IndexCollector,
): void {
  let stats: fs.BigIntStats;
  try {
    stats = fs.lstatSync(path.join(layout.dir, name), { bigint: true });
  } catch {
    return;
  }
  const stamp: FileStamp = stampOf(stats);
  if (stats.isSymbolicLink()) {
    out.add(encodeIndexLine(badFileEntry(name, stamp, 'is a symbolic link (not followed)')));
  } else if (!stats.isFile()) {
    out.add(encodeIndexLine(badFileEntry(name, stamp, 'is not a regular file')));
  } else {
    const kept = old?.linesOf(name).filter(line => sameStamp(line.stamp, stamp)) ?? [];
    if (kept.length > 0) {
      for (const line of kept) out.addOld(line.lastSeen, line.offset, line.length);
    } else {
      for (const entry of summarizeFile(layout.dir, name, stamp)) out.add(encodeIndexLine(entry));
    }
  }
}

function install(
  layout: StoreLayout,
  out: IndexCollector,
  old: OldIndex | null,
  dirMtime: bigint,
): LineSource {
  const lock = FileLock.acquireSync(indexLockPath(layout), {
    staleMs: LOCK_STALE_MS,
    waitMs: 2000,
  });
  if (lock === null) return new BufferLineSource(out.finish(old?.source ?? null));
  const tmp = path.join(layout.tmp, `index.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const current = fs.statSync(layout.index, { bigint: true, throwIfNoEntry: false });
    if (current !== undefined && (old === null || current.ino !== old.ino)) {
      // Another reader installed an index while we scanned: it is as complete as ours.
      return new FileLineSource(fs.openSync(layout.index, 'r'));
    }
    if (old !== null) {
      const copy: LineVisitor = (chunk, start, end) =>
        out.addTail(chunk.toString('utf8', start, end));
      forEachLine(old.fd, copy, MAX_INDEX_LINE, () => undefined, old.size);
    }
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      out.writeTo(fd, old?.source ?? null);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, layout.index);
    const seconds = Number(dirMtime / 1000n + 1n) / 1e6;
    fs.utimesSync(layout.index, seconds, seconds);
    return new FileLineSource(fs.openSync(layout.index, 'r'));
  } catch {
    return new BufferLineSource(out.finish(old?.source ?? null));
  } finally {
    fs.rmSync(tmp, { force: true });
    lock.release();
  }
}

/**
 * Creates `.otel-err/` if needed, removes the `stale` marker (before the scan: a writer that
 * fails during the scan leaves a new one), abandoned locks and old temporary files. False when
 * the directory cannot be written.
 */
function prepareMeta(layout: StoreLayout): boolean {
  try {
    for (const dir of [layout.meta, layout.locks, layout.tmp]) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    fs.rmSync(layout.stale, { force: true });
    fs.accessSync(layout.tmp, fs.constants.W_OK);
  } catch {
    return false;
  }
  cleanLeftovers(layout);
  return true;
}

function cleanLeftovers(layout: StoreLayout): void {
  const now = Date.now();
  for (const [dir, old] of [
    [
      layout.locks,
      (file: string) =>
        file.endsWith('.broken') || (file.endsWith('.lock') && isStaleLock(file, LOCK_STALE_MS)),
    ],
    [layout.tmp, (file: string) => now - fs.lstatSync(file).mtimeMs > LEFTOVER_MS],
  ] as const) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        if (old(file)) fs.unlinkSync(file);
      } catch {
        // Removed by someone else meanwhile.
      }
    }
  }
}
