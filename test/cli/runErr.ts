import { spawn } from 'node:child_process';
import path from 'node:path';

/** The `err` executable as TypeScript source, run by Node's type stripping (no build needed). */
export const ERR_BIN = path.join(import.meta.dirname, '../../src/cli/bin.ts');

/** What a run of `err` printed and how it ended. */
export interface ErrRun {
  /** Exit code (`null` when killed by a signal). */
  code: number | null;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** How to run `err`. */
export interface ErrRunOptions {
  /** Extra environment (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** Working directory. */
  cwd?: string;
  /** Run as this user and group (a root test process reading files it made unreadable). */
  uid?: number;
}

/** A stable environment: UTC, no colour forcing, no `ERR_PATH`, a private HOME. */
function baseEnv(): Record<string, string | undefined> {
  const { NO_COLOR: _n, FORCE_COLOR: _f, ERR_PATH: _e, XDG_STATE_HOME: _x, ...env } = process.env;
  return { ...env, TZ: 'UTC', HOME: '/nonexistent-home' };
}

/** Runs the real `err` binary in a child process. */
export function runErr(args: readonly string[], options: ErrRunOptions = {}): Promise<ErrRun> {
  return new Promise((resolve, reject) => {
    const env = { ...baseEnv(), ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [ERR_BIN, ...args], {
      env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

/** Data rows of a tab-separated `err list` output (without the header), as field arrays. */
export function tsvRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .slice(1)
    .filter(line => line !== '')
    .map(line => line.split('\t'));
}

/** Whether a stderr text carries a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+:\d+:\d+/.test(text);
}
