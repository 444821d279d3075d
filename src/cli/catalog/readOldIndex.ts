import fs from 'node:fs';
import type { FileStamp } from '../../store/FileStamp.ts';
import { FIELD, FIELD_COUNT, KIND, parseIndexHeader } from '../../store/IndexEntry.ts';
import { scanIndexLine } from '../../store/scanIndexLine.ts';
import type { StoreLayout } from '../../store/storeLayout.ts';
import { FileLineSource, type LineSource } from './LineSource.ts';

/** Where an old index line is, and the stamp of the file version it summarises. */
export interface OldLine {
  /** Byte offset in the old index. */
  offset: number;
  /** Byte length. */
  length: number;
  /** Stamp recorded in the line. */
  stamp: FileStamp;
  /** Its last-seen time (ms), the order of the new index. */
  lastSeen: number;
}

/** The index being replaced: its identity, and its lines by file for reuse. */
export interface OldIndex {
  /** Open descriptor (to copy lines appended while the new index is built). */
  fd: number;
  /** Inode, to notice that another reader replaced it meanwhile. */
  ino: bigint;
  /** Size when read: lines beyond it were appended during the rebuild. */
  size: number;
  /** The current lines of a file (after its last removal); none for an invalid index. */
  linesOf(name: string): OldLine[];
  /** The old index's lines, to read kept ones back in runs. */
  source: LineSource;
  /** Closes the descriptor. */
  close(): void;
}

/** Reads the current index, if any (an invalid one still counts for its identity). */
export function readOldIndex(layout: StoreLayout): OldIndex | null {
  let fd: number;
  try {
    fd = fs.openSync(layout.index, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  const stats = fs.fstatSync(fd, { bigint: true });
  const source = new FileLineSource(fd);
  const byFile = new Map<string, OldLine[]>();
  const bounds = new Int32Array(FIELD_COUNT * 2);
  const numbers = new Float64Array(FIELD_COUNT);
  let valid = false;
  try {
    source.forEachLine((chunk, start, end, offset) => {
      if (offset === 0) {
        valid = parseIndexHeader(chunk.toString('utf8', start, end)) !== null;
        return;
      }
      if (!valid || !scanIndexLine(chunk, start, end, bounds, numbers)) return;
      const file = chunk.toString(
        'utf8',
        bounds[FIELD.file * 2]! + 1,
        bounds[FIELD.file * 2 + 1]! - 1,
      );
      if (file.includes('\\')) return;
      if (numbers[FIELD.kind] === KIND.removed) {
        byFile.delete(file);
        return;
      }
      const stamp = {
        ino: numbers[FIELD.ino]!,
        size: numbers[FIELD.size]!,
        mtimeUs: numbers[FIELD.mtimeUs]!,
      };
      const lines = byFile.get(file) ?? [];
      lines.push({ offset, length: end - start, stamp, lastSeen: numbers[FIELD.lastSeen]! });
      byFile.set(file, lines);
    });
  } catch {
    byFile.clear();
  }
  return {
    fd,
    ino: stats.ino,
    size: Number(stats.size),
    linesOf: name => byFile.get(name) ?? [],
    source,
    close: () => source.close(),
  };
}
