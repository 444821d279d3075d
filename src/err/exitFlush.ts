import { diag } from '@opentelemetry/api';

/**
 * Flushes at a normal exit, which Node does without waiting for unref'd timers: `flush` (async: span
 * exports, async middleware) when the event loop drains (`beforeExit`), `flushSync` (buffered crash-file
 * counts) on `exit`, which also follows `process.exit()`. Returns the function that removes both listeners.
 */
export function installExitFlush(flush: () => Promise<void>, flushSync: () => void): () => void {
  const onBeforeExit = (): void => {
    flush().catch((failure: unknown) => diag.warn(`Err: flush at exit failed: ${String(failure)}`));
  };
  process.on('beforeExit', onBeforeExit);
  process.on('exit', flushSync);
  return () => {
    process.off('beforeExit', onBeforeExit);
    process.off('exit', flushSync);
  };
}
