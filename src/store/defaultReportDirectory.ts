import os from 'node:os';
import path from 'node:path';

/**
 * The report directory when none is configured: `$ERR_PATH`, else `$XDG_STATE_HOME/otel-err`,
 * else `~/.local/state/otel-err` (XDG's place for state that outlives a run, such as logs and
 * history). The file exporter and the `err` CLI use the same rule, so they meet without options.
 */
export function defaultReportDirectory(
  env: Record<string, string | undefined> = process.env,
): string {
  if (env.ERR_PATH) return env.ERR_PATH;
  const state =
    env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : null;
  return path.join(state ?? path.join(os.homedir(), '.local', 'state'), 'otel-err');
}
