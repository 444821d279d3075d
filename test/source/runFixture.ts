import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ResolvedFramePosition } from '../../src/source/resolveFramePosition.ts';

/** What `test/fixtures/source/run.mjs` prints. */
export interface FixtureRun {
  stack: string;
  callSites: {
    file: string;
    line: number;
    column: number;
    function: string | null;
    enclosingLine: number;
    enclosingColumn: number;
  }[];
  resolved: ResolvedFramePosition | null;
  reads: string[];
  sourceMapsEnabled: boolean;
}

/** Absolute path of a file under `test/fixtures/source/`. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/source/${relative}`, import.meta.url));
}

/** Runs a compiled fixture in a child Node process and returns what it printed. */
export function runFixture(
  fixture: string,
  scenario: string,
  options: { enableSourceMaps?: boolean; resolve?: boolean } = {},
): Promise<FixtureRun> {
  const args = [
    ...(options.enableSourceMaps === true ? ['--enable-source-maps'] : []),
    fixturePath('run.mjs'),
    fixture,
    scenario,
    ...(options.resolve === true ? ['resolve'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0) resolve(JSON.parse(stdout) as FixtureRun);
      else reject(new Error(`fixture exited with ${code}: ${stderr}`));
    });
  });
}

/** File, line and column of the first `at` line of a V8 stack text. */
export function topFramePosition(stack: string): { file: string; line: number; column: number } {
  const match = /^\s+at (?:.*? \()?(.+):(\d+):(\d+)\)?$/m.exec(stack);
  if (match === null) throw new Error(`no frame in ${stack}`);
  return { file: match[1] ?? '', line: Number(match[2]), column: Number(match[3]) };
}
