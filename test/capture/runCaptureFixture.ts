import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ErrorInfo, JsonValue } from '../../src/errorinfo/ErrorInfo.ts';
import { fromJSON } from '../../src/errorinfo/codec.ts';

/** What a run of `test/fixtures/capture/app` does (read by its `harness.mjs`). */
export interface CaptureRunSpec {
  /** A key of the entry point's scenario table. */
  scenario: string;
  /** `captureErrorInfo` options, as JSON (`timestamp` as ISO text). */
  options?: Record<string, JsonValue>;
  /** `raiseStackTraceLimit(n)` before anything throws. */
  raiseLimit?: number;
  /** Install a user `Error.prepareStackTrace` first. */
  userHook?: boolean;
  /** Read `.stack` of every value before capturing it (the text path). */
  readStackFirst?: boolean;
  /** Recursion depth of the `deep` and `ts*` scenarios. */
  depth?: number;
  /** Message of the `twins` scenario. */
  message?: string;
}

/** What the fixture observed besides the reports. */
export interface CaptureProbe {
  /** `.stack` of each thrown value after capture (`null` when not a string or unreadable). */
  stacks: (string | null)[];
  /** Calls of the user `Error.prepareStackTrace`. */
  hookCalls: number;
  /** Whether the user hook is still installed after capture (`null` without one). */
  hookKept: boolean | null;
  /** Calls of each throwing getter of the `getters` scenario. */
  hostileReads: Record<string, number>;
}

/** The parsed output of one child process. */
export interface CaptureRun {
  /** One report per thrown value, decoded with `fromJSON`. */
  infos: ErrorInfo[];
  /** What the fixture observed. */
  probe: CaptureProbe;
}

/** Absolute path of a file under `test/fixtures/capture/app/`. */
export function appPath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/capture/app/${relative}`, import.meta.url));
}

/** 1-based line and column of the first occurrence of `text` in a fixture file. */
export function positionIn(relative: string, text: string): { line: number; column: number } {
  const lines = linesOf(relative);
  const index = lines.findIndex(line => line.includes(text));
  if (index < 0) throw new Error(`${text} not in ${relative}`);
  return { line: index + 1, column: (lines[index] ?? '').indexOf(text) + 1 };
}

/** The lines of a fixture file. */
export function linesOf(relative: string): string[] {
  return readFileSync(appPath(relative), 'utf8').replace(/\n$/, '').split('\n');
}

const entries = { esm: 'main.mjs', cjs: 'cjs/main.cjs' } as const;
// Each child spends ~0.2 s of CPU loading the TypeScript sources: keep every core busy, no more.
const maxRunning = Math.max(2, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= maxRunning) await new Promise<void>(resolve => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/**
 * Runs the fixture's ESM or CJS entry point in a child Node process (working directory: the OS temp
 * directory, so nothing depends on ours) and decodes its reports. Rejects when the child fails or
 * writes anything to stderr (a warning is a defect too).
 */
export function runCaptureFixture(
  entry: keyof typeof entries,
  spec: CaptureRunSpec,
  nodeFlags: readonly string[] = [],
): Promise<CaptureRun> {
  const args = [...nodeFlags, appPath(entries[entry]), JSON.stringify(spec)];
  return slot(
    () =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, args, {
          cwd: tmpdir(),
          env: { ...process.env, NODE_OPTIONS: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', code => {
          if (code !== 0 || stderr !== '') {
            reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`));
            return;
          }
          try {
            const raw = JSON.parse(stdout) as { infos: string[]; probe: CaptureProbe };
            resolve({ infos: raw.infos.map(text => fromJSON(text)), probe: raw.probe });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      }),
  );
}
