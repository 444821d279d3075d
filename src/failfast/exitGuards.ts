import { diag } from '@opentelemetry/api';

/**
 * Guards a process that is exiting after a fail-fast trigger, until `exitNow` runs:
 * - another uncaught exception exits at once through `exitNow` (the first error's report is already on
 *   disk and printed; the second one gets one line on stderr). The `trigger` value itself thrown again
 *   (`err.process(error); throw error;`) is not another error: the shutdown goes on;
 * - a rejection nobody handles (the SDK's own "Concurrent export limit reached", a cleanup's) is logged and
 *   ignored, also when Node raises it as an exception (`--unhandled-rejections=strict`): the drain never
 *   turns into a second fatal error, and the deadline still ends the process.
 * The exception guard is prepended so that it runs before any other listener. Returns the undo.
 */
export function installExitGuards(exitNow: () => void, trigger?: { value: unknown }): () => void {
  let ignored = 0;
  const ignore = (reason: unknown): void => {
    ignored++;
    const log = ignored === 1 ? diag.warn : diag.debug;
    log(`FailFast: ignored a rejection while exiting (${ignored} so far): ${describe(reason)}`);
  };
  const onException = (error: unknown, origin: string): void => {
    if (origin === 'unhandledRejection') {
      ignore(error);
      return;
    }
    if (trigger !== undefined && error === trigger.value) {
      diag.debug('FailFast: the error that triggered the exit was thrown again; the exit goes on');
      return;
    }
    try {
      process.stderr.write(
        `otel-err: another uncaught exception while exiting, exiting now: ${describe(error)}\n`,
      );
    } finally {
      exitNow();
    }
  };
  process.prependListener('uncaughtException', onException);
  process.prependListener('unhandledRejection', ignore);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', ignore);
  };
}

function describe(value: unknown): string {
  try {
    if (value instanceof Error) return (value.stack ?? String(value)).split('\n')[0]!;
    return String(value);
  } catch {
    return 'a value that cannot be printed';
  }
}
