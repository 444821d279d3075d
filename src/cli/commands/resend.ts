import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../CliContext.ts';
import { EXIT_CODES_HELP } from '../exitCodes.ts';
import type { GlobalArgs } from './GlobalArgs.ts';

/** Destinations `err resend` can send to (the names used in a report's `extra.delivered`). */
export const RESEND_DESTINATIONS = ['sentry', 'otlp'] as const;

/** One of `RESEND_DESTINATIONS`. */
export type ResendDestination = (typeof RESEND_DESTINATIONS)[number];

/** Arguments of `err resend`. */
export interface ResendArgs extends GlobalArgs {
  to: ResendDestination;
  dsn?: string;
  endpoint?: string;
  all?: boolean;
  dryRun?: boolean;
  limit: number;
  json?: boolean;
}

/** `err resend`: sends the reports a destination has not accepted yet, and records each acceptance. */
export function resendCommand(context: CliContext): CommandModule<GlobalArgs, ResendArgs> {
  return {
    command: 'resend',
    describe: 'Send the reports a destination (Sentry, OTLP) has not accepted yet',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .option('to', {
          choices: RESEND_DESTINATIONS,
          demandOption: true,
          describe: 'Destination',
        })
        .option('dsn', { type: 'string', describe: 'Sentry DSN (default: $SENTRY_DSN)' })
        .option('endpoint', {
          type: 'string',
          describe:
            'OTLP/HTTP traces URL (default: $OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else $OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces)',
        })
        .option('all', {
          type: 'boolean',
          describe: 'Also send reports never marked for this destination',
        })
        .option('dry-run', { type: 'boolean', describe: 'Only list what would be sent' })
        .option('limit', { type: 'number', default: 0, describe: 'At most N reports (0: all)' })
        .option('json', { type: 'boolean', describe: 'Print one JSON document' })
        .example('$0 resend --to sentry', 'send what Sentry has not accepted ($SENTRY_DSN)')
        .example(
          '$0 resend -p /var/crash --to otlp --endpoint http://collector:4318/v1/traces --dry-run',
          'what would go to a Collector',
        )
        .epilogue(
          `Reports are sent oldest first (first seen). Exit 1 also when a destination refused a report.\n\n${EXIT_CODES_HELP}`,
        ),
    handler: args =>
      context.run(async () => (await import('../resend/runResend.ts')).runResend(context, args)),
  };
}
