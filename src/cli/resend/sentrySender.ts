import { SentryExporter } from '../../../exporters/sentry/SentryExporter.ts';
import { CliError } from '../CliError.ts';
import { EXIT } from '../exitCodes.ts';
import type { Sender } from './Sender.ts';

/**
 * A sender to Sentry through `SentryExporter` (`--dsn`, else `$SENTRY_DSN`). Reports go one at a
 * time: the exporter drops events past its buffer, and a rate limit then fails the rest at once.
 * Throws a `CliError` (exit 2) when the DSN is missing or invalid.
 */
export function sentrySender(dsn: string | undefined): Sender {
  const given = dsn ?? process.env.SENTRY_DSN;
  if (given === undefined || given === '') {
    throw new CliError('--to sentry needs a DSN: give --dsn DSN or set SENTRY_DSN', EXIT.usage);
  }
  let exporter: SentryExporter;
  try {
    exporter = new SentryExporter({ dsn: given });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /^SentryExporter: /,
      '',
    );
    throw new CliError(`invalid Sentry DSN (${reason})`, EXIT.usage);
  }
  return {
    send: async info => {
      try {
        return await exporter.sendErrorInfo(info);
      } catch {
        return false;
      }
    },
    close: () => exporter.shutdown(),
  };
}
