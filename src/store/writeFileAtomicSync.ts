import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type FileStamp, stampOf } from './FileStamp.ts';

/**
 * Writes `data` to `target` so that readers see the old file or the new one, never a torn one:
 * a temporary file (mode 0600) in `tmpDir` (same file system), written in full, fsync'ed, renamed
 * over `target`, then the directory fsync'ed so that the rename itself survives a power loss.
 * Returns the new file's stamp. Throws fs errors (ENOSPC, EROFS, ENOENT…) after removing the
 * temporary file; the target is then untouched.
 */
export function writeFileAtomicSync(
  target: string,
  tmpDir: string,
  data: Uint8Array,
  fsync: boolean,
): FileStamp {
  const tmp = path.join(
    tmpDir,
    `${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let stamp: FileStamp;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      for (let offset = 0; offset < data.length;) {
        offset += fs.writeSync(fd, data, offset, data.length - offset);
      }
      if (fsync) fs.fsyncSync(fd);
      stamp = stampOf(fs.fstatSync(fd, { bigint: true }));
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (error) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Never created, or already renamed: nothing to clean.
    }
    throw error;
  }
  if (fsync) syncDirectory(path.dirname(target));
  return stamp;
}

/** fsync of a directory; some platforms refuse it (EISDIR, EINVAL, EPERM), which only costs durability. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort by design.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
