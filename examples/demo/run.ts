// `npm run demo`: runs the demo service (it crashes on purpose), then shows what the err CLI captured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = import.meta.dirname;
const reports = mkdtempSync(path.join(os.tmpdir(), 'otel-err-demo-'));
const cli = path.join(here, '../../src/cli/bin.ts');

function step(title: string, args: string[], env: NodeJS.ProcessEnv = {}): number | null {
  process.stdout.write(`\n\x1b[1m$ ${title}\x1b[0m\n`);
  const run = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return run.status;
}

const status = step(
  'node examples/demo/service.ts   # fails four ways, then crashes',
  [path.join(here, 'service.ts')],
  {
    ERR_PATH: reports,
  },
);
process.stdout.write(`\n(the service exited with code ${status})\n`);
step(`err list -p ${reports}`, [cli, 'list', '-p', reports]);
const list = spawnSync(process.execPath, [cli, 'list', '-p', reports, '--json'], {
  encoding: 'utf8',
});
const rows = (JSON.parse(list.stdout) as { reports: { fingerprint: string; type: string }[] })
  .reports;
const crash = rows.find(row => row.type === 'TypeError') ?? rows[0];
if (crash !== undefined) {
  step(`err view -p ${reports} ${crash.fingerprint.slice(0, 8)} --format extend`, [
    cli,
    'view',
    '-p',
    reports,
    crash.fingerprint.slice(0, 8),
    '--format',
    'extend',
  ]);
}
step(`err stats -p ${reports}`, [cli, 'stats', '-p', reports]);
process.stdout.write(`\nReports are in ${reports}.\n`);
