import { spawn } from 'node:child_process';
import path from 'node:path';

/** How a child process ended and what it printed. */
export interface ScenarioResult {
  /** Exit code (`null` when killed by a signal). */
  code: number | null;
  /** Everything written to stderr. */
  stderr: string;
  /** The JSON lines of stdout, parsed (other lines are ignored). */
  facts: Record<string, unknown>[];
}

/** The scenario files of these tests. */
export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'err');

/** Runs `node [...nodeArgs] <fixture> [...args]` with the test's environment minus `OTEL_*`/`ERR_*`, plus `env`. */
export function runScenario(
  fixture: string,
  options: { args?: string[]; nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<ScenarioResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(OTEL_|ERR_|NODE_OPTIONS$)/.test(name)),
  );
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), path.join(FIXTURES, fixture), ...(options.args ?? [])],
    { env: { ...inherited, NO_COLOR: '1', ...options.env }, timeout: 20_000 },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', code => resolve({ code, stderr, facts: parseLines(stdout) }));
  });
}

/** The facts of one kind (`event` field). */
export function factsOf(result: ScenarioResult, event: string): Record<string, unknown>[] {
  return result.facts.filter(fact => fact.event === event);
}

function parseLines(text: string): Record<string, unknown>[] {
  const facts: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      facts.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // Not one of ours.
    }
  }
  return facts;
}
