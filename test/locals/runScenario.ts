import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a scenario process printed and how it ended. */
export interface ScenarioRun {
  /** Exit code (`null` when killed). */
  code: number | null;
  /** Every stdout line, parsed as JSON. */
  lines: unknown[];
  /** Everything written to stderr. */
  stderr: string;
}

/** Options of `runScenario`. */
export interface ScenarioOptions {
  /** Arguments after the file. Default none. */
  args?: string[];
  /** Node options before the file. Default none. */
  execArgv?: string[];
  /** Kill the process after this long. Default 15_000 ms. */
  timeoutMs?: number;
}

/** Absolute path of a file in test/fixtures/locals/. */
export function scenarioPath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/locals/${name}`, import.meta.url));
}

/** Runs a scenario file of test/fixtures/locals/ in a child Node process. */
export function runScenario(name: string, options: ScenarioOptions = {}): Promise<ScenarioRun> {
  const { args = [], execArgv = [], timeoutMs = 15_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, scenarioPath(name), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => {
      try {
        const lines = stdout
          .split('\n')
          .filter(line => line.trim() !== '')
          .map(line => JSON.parse(line) as unknown);
        resolve({ code, lines, stderr });
      } catch (error) {
        reject(
          new Error(`${name} printed non-JSON output:\n${stdout}\n${stderr}`, { cause: error }),
        );
      }
    });
  });
}
