import { spawn } from 'node:child_process';
import path from 'node:path';

/** How a scenario process ended, when, and what it printed. */
export interface FailFastResult {
  /** Exit code (`null` when killed by a signal). */
  code: number | null;
  /** The signal that killed it, if one did. */
  signal: NodeJS.Signals | null;
  /** Everything written to stderr. */
  stderr: string;
  /** The JSON lines of stdout, parsed. */
  facts: Record<string, unknown>[];
  /** When the process exited, in epoch ms (same clock as the scenario's `trigger` fact). */
  exitedAt: number;
}

/** Options of one run. */
export interface RunOptions {
  /** Arguments for node before the script. */
  nodeArgs?: string[];
  /** Environment added to the test's (minus `OTEL_*`, `ERR_*`, `NODE_OPTIONS`). */
  env?: Record<string, string>;
  /** Sends this signal to the child once it prints `{"event":"ready"}`. */
  signalWhenReady?: NodeJS.Signals;
}

const SCENARIO = path.join(
  import.meta.dirname,
  '..',
  'fixtures',
  'failfast',
  'failFastScenario.ts',
);

/** Runs `failFastScenario.ts <scenario>` in a child process. */
export function runFailFastScenario(
  scenario: string,
  options: RunOptions = {},
): Promise<FailFastResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(OTEL_|ERR_|NODE_OPTIONS$)/.test(name)),
  );
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SCENARIO, scenario], {
    env: { ...inherited, NO_COLOR: '1', ...options.env },
    timeout: 20_000,
  });
  let stdout = '';
  let stderr = '';
  let exitedAt = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (options.signalWhenReady && chunk.includes('"event":"ready"')) {
      child.kill(options.signalWhenReady);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.on('exit', () => (exitedAt = performance.timeOrigin + performance.now()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stderr, facts: parseLines(stdout), exitedAt }),
    );
  });
}

/** The facts of one kind (`event` field). */
export function factsOf(result: FailFastResult, event: string): Record<string, unknown>[] {
  return result.facts.filter(fact => fact.event === event);
}

/** Milliseconds from the scenario's `trigger` fact to the exit. */
export function msToExit(result: FailFastResult): number {
  const [trigger] = factsOf(result, 'trigger');
  if (typeof trigger?.at !== 'number') throw new Error(`no trigger fact:\n${result.stderr}`);
  return result.exitedAt - trigger.at;
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
