import { unhandledRejectionsMode } from './unhandledRejectionsMode.ts';

/** Which process-wide event caught the value. */
export type CaughtOrigin = 'uncaughtException' | 'unhandledRejection';

/** Receives what the process-wide handlers caught; `fatal` when Node would end the process for it. */
export type CaughtHandler = (error: unknown, origin: CaughtOrigin, fatal: boolean) => void;

/**
 * Adds `uncaughtException` and `unhandledRejection` listeners beside the ones already there (which keep
 * running). `fatal` follows Node: an uncaught exception is fatal when no other listener handles it; an unhandled
 * rejection when no other listener handles it and `--unhandled-rejections` is `throw` (the default). In `strict`
 * mode Node raises the rejection as an uncaught exception first, so it is reported from there only. Returns the
 * function that removes both listeners.
 */
export function installCatchAll(handler: CaughtHandler): () => void {
  const onException = (error: unknown, origin: string): void => {
    const fatal = process.listenerCount('uncaughtException') === 1;
    handler(
      error,
      origin === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException',
      fatal,
    );
  };
  const onRejection = (reason: unknown): void => {
    const mode = unhandledRejectionsMode();
    if (mode === 'strict') return;
    const unhandled = process.listenerCount('unhandledRejection') === 1;
    // Node sets the code only for a rejection no listener handles; ours alone does not count as handling.
    if (mode === 'warn-with-error-code' && unhandled) process.exitCode = 1;
    const fatal = mode === 'throw' && unhandled;
    handler(reason, 'unhandledRejection', fatal);
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
