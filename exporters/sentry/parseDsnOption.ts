import type { DsnComponents } from '@sentry/core';
import type { SentryCoreModule } from './loadSentryCore.ts';

const EXAMPLE = 'https://<public key>@o0.ingest.sentry.io/<project id>';

// A legacy DSN may carry a secret key (`https://public:secret@…`): never echo it.
function shown(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  return JSON.stringify(value.replace(/^(\w+:\/\/[^:@/]*):[^@/]*@/, '$1:***@'));
}

/**
 * The DSN of the `dsn` option, parsed by `@sentry/core`'s `makeDsn`; throws a `TypeError` that names
 * the option, shows the value (secret masked) and where to find a DSN.
 */
export function parseDsnOption(core: SentryCoreModule, value: unknown): DsnComponents {
  // Plain garbage is refused here: makeDsn would print it to the console before answering.
  const parsed =
    typeof value === 'string' && URL.canParse(value) && value.includes('@')
      ? core.makeDsn(value)
      : undefined;
  if (parsed === undefined) {
    throw new TypeError(
      `SentryExporter: invalid option \`dsn: ${shown(value)}\`. Expected a Sentry DSN such as ` +
        `${EXAMPLE} (Sentry: Project Settings → Client Keys), or set SENTRY_DSN.`,
    );
  }
  return parsed;
}
