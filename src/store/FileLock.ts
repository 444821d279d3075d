import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/** How long a lock may be waited for and when it counts as abandoned. */
export interface LockTiming {
  /** A lock whose file is older than this is broken. */
  staleMs: number;
  /** Longest wait before `acquireSync` gives up and returns `null`. */
  waitMs: number;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const hostname = os.hostname();

/** Blocks the thread for `ms` (the crash path cannot yield to the event loop). */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * An exclusive lock between processes: a file created with O_EXCL that holds `pid host token`.
 * A lock of a dead process on this host is broken at once, any lock older than `staleMs` too.
 * Breaking renames the file away first, so of two breakers only one succeeds; a breaker that
 * finds it took a fresh lock puts it back. Release removes the file only if it still holds our
 * token. Known limit: on a shared file system a holder stalled for longer than `staleMs` can lose
 * its lock to another host.
 */
export class FileLock {
  private readonly _path: string;
  private readonly _token: string;

  private constructor(lockPath: string, token: string) {
    this._path = lockPath;
    this._token = token;
  }

  /** Takes the lock, waiting (synchronously, with backoff) up to `timing.waitMs`; `null` on timeout. Throws fs errors other than EEXIST. */
  static acquireSync(lockPath: string, timing: LockTiming): FileLock | null {
    const token = `${process.pid} ${hostname} ${randomBytes(8).toString('hex')}\n`;
    const deadline = Date.now() + timing.waitMs;
    let delay = 1;
    for (;;) {
      try {
        const fd = fs.openSync(lockPath, 'wx', 0o600);
        try {
          fs.writeSync(fd, token);
        } catch (error) {
          // A lock without its token could not be told from a live one: do not leave it.
          fs.closeSync(fd);
          fs.rmSync(lockPath, { force: true });
          throw error;
        }
        fs.closeSync(fd);
        return new FileLock(lockPath, token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (breakIfStale(lockPath, timing.staleMs)) continue;
      if (Date.now() >= deadline) return null;
      sleepSync(delay);
      delay = Math.min(delay * 2, 20);
    }
  }

  /** Removes the lock file if it is still ours; never throws. */
  release(): void {
    try {
      if (fs.readFileSync(this._path, 'utf8') === this._token) fs.unlinkSync(this._path);
    } catch {
      // Already broken by someone who judged us stale, or the directory is gone: nothing to undo.
    }
  }
}

/** Whether a lock file is abandoned: its process is gone (same host) or it is older than `staleMs`. */
export function isStaleLock(lockPath: string, staleMs: number): boolean {
  try {
    return judge(fs.readFileSync(lockPath, 'utf8'), fs.lstatSync(lockPath).mtimeMs, staleMs);
  } catch {
    return false;
  }
}

function judge(content: string, mtimeMs: number, staleMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) return true;
  const [pid, host] = content.split(' ');
  return host === hostname && !isAlive(Number(pid));
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Breaks an abandoned lock; true when the caller should retry at once. */
function breakIfStale(lockPath: string, staleMs: number): boolean {
  let content: string;
  let mtimeMs: number;
  try {
    content = fs.readFileSync(lockPath, 'utf8');
    mtimeMs = fs.lstatSync(lockPath).mtimeMs;
  } catch (error) {
    // Released between our open and our read: retry now.
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  // A lock file is written right after its creation: an empty one is being written, not abandoned.
  if (content === '' && Date.now() - mtimeMs <= staleMs) return false;
  if (!judge(content, mtimeMs, staleMs)) return false;
  const moved = `${lockPath}.${randomBytes(6).toString('hex')}.broken`;
  try {
    fs.renameSync(lockPath, moved);
  } catch {
    return true;
  }
  try {
    if (fs.readFileSync(moved, 'utf8') !== content) fs.linkSync(moved, lockPath);
  } catch {
    // The lock we took by mistake could not be put back: its holder's release will see it gone.
  }
  try {
    fs.unlinkSync(moved);
  } catch {
    // Left for the next cleanup; harmless.
  }
  return true;
}
