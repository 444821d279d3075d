import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../CliContext.ts';
import { EXIT_CODES_HELP } from '../exitCodes.ts';
import type { GlobalArgs } from './GlobalArgs.ts';

/** Sort orders of `err list`: newest last seen, newest first seen, most occurrences, service or type A→Z. */
export const SORT_KEYS = ['last', 'first', 'count', 'service', 'type'] as const;

/** One of `SORT_KEYS`. */
export type SortKey = (typeof SORT_KEYS)[number];

/** Arguments of `err list`. */
export interface ListArgs extends GlobalArgs {
  json?: boolean;
  wide?: boolean;
  service?: string[];
  type?: string[];
  since?: string;
  limit: number;
  sort: SortKey;
  color?: boolean;
  reindex?: boolean;
}

/** `err list`: one row per fingerprint, newest first. */
export function listCommand(context: CliContext): CommandModule<GlobalArgs, ListArgs> {
  return {
    command: 'list',
    describe: 'List reports: one row per bug (fingerprint), newest first',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .option('json', { type: 'boolean', describe: 'Print one JSON document (stable schema)' })
        .option('wide', { type: 'boolean', describe: 'Show full fingerprints' })
        .option('service', { type: 'string', array: true, describe: 'Only these services' })
        .option('type', { type: 'string', array: true, describe: 'Only these exception types' })
        .option('since', {
          type: 'string',
          describe: 'Only reports last seen since 12h, 7d… or a date',
        })
        .option('limit', { type: 'number', default: 0, describe: 'At most N rows (0: all)' })
        .option('sort', { choices: SORT_KEYS, default: SORT_KEYS[0], describe: 'Row order' })
        .option('color', { type: 'boolean', describe: 'Colour the table (default: on a terminal)' })
        .option('reindex', { type: 'boolean', describe: 'Rebuild the summary index first' })
        .example('$0 list', 'newest bugs first, in the default directory')
        .example('$0 list -p /var/crash --service checkout --since 24h', 'one service, last day')
        .example('$0 list --sort count --limit 10 --json', 'ten most frequent, as JSON')
        .epilogue(
          `Output: a table on a terminal; tab-separated values with a header line otherwise.\n\n${EXIT_CODES_HELP}`,
        ),
    handler: args =>
      context.run(async () => (await import('../list/runList.ts')).runList(context, args)),
  };
}
