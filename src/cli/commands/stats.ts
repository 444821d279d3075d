import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../CliContext.ts';
import { EXIT_CODES_HELP } from '../exitCodes.ts';
import type { GlobalArgs } from './GlobalArgs.ts';

/** Arguments of `err stats`. */
export interface StatsArgs extends GlobalArgs {
  json?: boolean;
  top: number;
  service?: string[];
  since?: string;
  color?: boolean;
}

/** `err stats`: top bugs by count, per-service totals, first/last seen and rates. */
export function statsCommand(context: CliContext): CommandModule<GlobalArgs, StatsArgs> {
  return {
    command: 'stats',
    describe: 'Top bugs by occurrences; per service: bugs, occurrences, first/last seen, rate',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .option('json', { type: 'boolean', describe: 'Print one JSON document' })
        .option('top', { type: 'number', default: 10, describe: 'How many top bugs' })
        .option('service', { type: 'string', array: true, describe: 'Only these services' })
        .option('since', {
          type: 'string',
          describe: 'Only reports last seen since 12h, 7d… or a date',
        })
        .option('color', {
          type: 'boolean',
          describe: 'Colour the output (default: on a terminal)',
        })
        .example('$0 stats', 'the ten most frequent bugs and the totals per service')
        .example('$0 stats --since 7d --json', 'last week, as JSON')
        .epilogue(
          `Rate: occurrences per hour between first and last seen (a span under an hour counts as one hour).\n\n${EXIT_CODES_HELP}`,
        ),
    handler: args =>
      context.run(async () => (await import('../stats/runStats.ts')).runStats(context, args)),
  };
}
