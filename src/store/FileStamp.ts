import type { BigIntStats } from 'node:fs';

/** What identifies one version of a file: a rewrite by rename changes the inode, an edit the size or mtime. */
export interface FileStamp {
  /** Inode number (as a double: exact below 2^53, consistently rounded above). */
  ino: number;
  /** Size in bytes. */
  size: number;
  /** Modification time in whole microseconds since the epoch. */
  mtimeUs: number;
}

/** The stamp of `bigint` stats. */
export function stampOf(stats: BigIntStats): FileStamp {
  return {
    ino: Number(stats.ino),
    size: Number(stats.size),
    mtimeUs: Number(stats.mtimeNs / 1000n),
  };
}

/** Whether two stamps denote the same version of a file. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeUs === b.mtimeUs;
}
