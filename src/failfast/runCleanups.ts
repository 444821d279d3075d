import { diag } from '@opentelemetry/api';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import type { Deadline } from './Deadline.ts';

/** What a cleanup callback is given. */
export interface CleanupContext {
  /** Aborted when the cleanups' share of the deadline is over: hand it to work that can be cancelled. */
  signal: AbortSignal;
  /** The report that triggered the exit; `null` when a signal did (`gracefulSignals`). */
  info: ErrorInfo | null;
  /** The code the process is about to exit with. */
  exitCode: number;
}

/**
 * A callback run before a fail-fast exit (`err.addCleanup`): synchronous, or returning a promise that is
 * awaited within the deadline. Its result is ignored; a throw or rejection is logged and the next one runs.
 */
export type Cleanup = (context: CleanupContext) => unknown;

/**
 * Runs `cleanups` one after the other, in registration order (a later one may rely on an earlier one having
 * finished), each awaited at most until `until`. One that throws, rejects or runs late never stops the next:
 * a late one is left running and the next starts (with no time left, it still runs its synchronous part).
 */
export async function runCleanups(
  cleanups: readonly Cleanup[],
  context: Omit<CleanupContext, 'signal'>,
  deadline: Deadline,
  until: number,
): Promise<void> {
  const controller = new AbortController();
  const timeIsUp = (): void => {
    if (!controller.signal.aborted) {
      controller.abort(new Error('FailFast: the time for cleanup callbacks is over'));
    }
  };
  const abortTimer = setTimeout(timeIsUp, deadline.remaining(until));
  try {
    for (let index = 0; index < cleanups.length; index++) {
      const cleanup = cleanups[index]!;
      const label = `cleanup #${index + 1}${cleanup.name ? ` (${cleanup.name})` : ''}`;
      let result: unknown;
      try {
        result = cleanup({ ...context, signal: controller.signal });
      } catch (failure) {
        diag.warn(`FailFast: ${label} threw: ${String(failure)}`);
        continue;
      }
      if (!isThenable(result)) continue;
      const outcome = await deadline.wait(result, until);
      if (outcome.status === 'failed') {
        diag.warn(`FailFast: ${label} rejected: ${String(outcome.reason)}`);
      } else if (outcome.status === 'timeout') {
        diag.warn(`FailFast: ${label} did not finish in time; going on without it`);
        // The wait's timer may fire before ours: the late callback learns it all the same.
        timeIsUp();
      }
    }
  } finally {
    clearTimeout(abortTimer);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return (
      (typeof value === 'object' || typeof value === 'function') &&
      value !== null &&
      typeof (value as { then?: unknown }).then === 'function'
    );
  } catch {
    return false;
  }
}
