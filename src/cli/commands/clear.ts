import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../CliContext.ts';
import { EXIT_CODES_HELP } from '../exitCodes.ts';
import type { GlobalArgs } from './GlobalArgs.ts';

/** Arguments of `err clear`. */
export interface ClearArgs extends GlobalArgs {
  fingerprints?: string[];
  all?: boolean;
  olderThan?: string;
  dryRun?: boolean;
}

/** `err clear`: removes report files (never OTLP files, which belong to the Collector). */
export function clearCommand(context: CliContext): CommandModule<GlobalArgs, ClearArgs> {
  return {
    command: 'clear [fingerprints..]',
    describe: 'Remove reports: by fingerprint or unique prefix, all, or not seen for a while',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .positional('fingerprints', {
          type: 'string',
          array: true,
          describe: 'Fingerprints or unique prefixes',
        })
        .option('all', {
          type: 'boolean',
          describe: 'Remove every report, and unreadable report files',
        })
        .option('older-than', {
          type: 'string',
          describe: 'Remove reports last seen longer ago (12h, 7d)',
        })
        .option('dry-run', { type: 'boolean', describe: 'Only print what would be removed' })
        .example('$0 clear 1a2b3c4d', 'remove one report')
        .example('$0 clear --older-than 30d --dry-run', 'what a monthly clean-up would remove')
        .epilogue(
          `OTLP files are inputs of the Collector: err never removes them.\n\n${EXIT_CODES_HELP}`,
        ),
    handler: args =>
      context.run(async () => (await import('../clear/runClear.ts')).runClear(context, args)),
  };
}
