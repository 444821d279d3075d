import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../CliContext.ts';
import { EXIT_CODES_HELP } from '../exitCodes.ts';
import type { GlobalArgs } from './GlobalArgs.ts';

/** Output formats of `err view`. */
export const VIEW_FORMATS = ['extend', 'terse', 'basic', 'json'] as const;

/** Arguments of `err view`. */
export interface ViewArgs extends GlobalArgs {
  fingerprint: string;
  format: (typeof VIEW_FORMATS)[number];
  color?: boolean;
  reindex?: boolean;
}

/** `err view`: one report, by fingerprint or unique prefix. */
export function viewCommand(context: CliContext): CommandModule<GlobalArgs, ViewArgs> {
  return {
    command: 'view <fingerprint>',
    describe: 'Show one report, by fingerprint or unique prefix',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .positional('fingerprint', {
          type: 'string',
          demandOption: true,
          describe: 'Fingerprint or prefix',
        })
        .option('format', {
          alias: 'f',
          choices: VIEW_FORMATS,
          default: 'extend' as const,
          describe:
            'extend: source and locals; terse: a line per frame; basic: as Node prints; json: the ErrorInfo 2.0 document',
        })
        .option('color', {
          type: 'boolean',
          describe: 'Colour the traceback (default: on a terminal)',
        })
        .option('reindex', { type: 'boolean', describe: 'Rebuild the summary index first' })
        .example('$0 view 1a2b3c4d', 'the report whose fingerprint starts with 1a2b3c4d')
        .example('$0 view 1a2b --format json | jq .frames', 'the report as JSON')
        .epilogue(EXIT_CODES_HELP),
    handler: args =>
      context.run(async () => (await import('../view/runView.ts')).runView(context, args)),
  };
}
