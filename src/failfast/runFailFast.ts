import { diag } from '@opentelemetry/api';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { Deadline } from './Deadline.ts';
import { installExitGuards } from './exitGuards.ts';
import type { Drain } from './pipelineDrains.ts';
import { runCleanups, type Cleanup } from './runCleanups.ts';

/** What one fail-fast exit does after the report is on disk and printed. */
export interface FailFastExit {
  /** The exit code. */
  code: number;
  /** The one deadline, in ms from now, for everything below; the process exits when it passes. */
  timeoutMs: number;
  /** The report that triggered the exit; `null` for a signal. Given to cleanup callbacks. */
  info: ErrorInfo | null;
  /** The value that triggered the exit: thrown again uncaught (a rethrow), it is not a second error. */
  trigger?: { value: unknown };
  /** Called once the task that triggered the exit has finished, before the steps (to end its span). */
  afterTrigger?: () => void;
  /** Work the crash report still waits for (asynchronous middleware), awaited first. */
  pending?: PromiseLike<unknown>;
  /** Called when `pending` did not settle in time (to write the report as it is). */
  onPendingTimeout?: () => void;
  /** Run one after the other, in order. */
  cleanups: readonly Cleanup[];
  /** Run all at once after the cleanups (each pipeline's shutdown). */
  drains: readonly Drain[];
  /** Ends the process. The default is `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Time the drain keeps however long cleanups take: cleanups (and `pending`) may use the deadline up to
 * `min(DRAIN_RESERVE_MS, timeoutMs / 2)` before its end, so a hanging cleanup cannot starve the export of
 * the crash's spans. Draining 10,000 queued spans to a local receiver took ~85 ms (B6).
 */
export const DRAIN_RESERVE_MS = 1000;

/**
 * The ordered fail-fast shutdown under one deadline, started from the trigger: at once, the exit guards (a
 * second uncaught exception exits at once, stray rejections are ignored: see `installExitGuards`) and a
 * timer, deliberately not unref'd, that ends the process at the deadline whatever the steps are doing. Once
 * the triggering task has finished: `afterTrigger`, `pending` (bounded), the cleanup callbacks (one after
 * the other), then every drain at once; then `exit(code)`, also when a step hangs, rejects or throws.
 * Resolves after `exit` was called (which, by default, does not return).
 */
export async function runFailFast(plan: FailFastExit): Promise<void> {
  const deadline = new Deadline(plan.timeoutMs);
  const cleanupsUntil = deadline.at - Math.min(DRAIN_RESERVE_MS, plan.timeoutMs / 2);
  let exited = false;
  const removeGuards = installExitGuards(() => exit(), plan.trigger);
  const backstop = setTimeout(() => {
    diag.warn(`FailFast: the deadline of ${plan.timeoutMs} ms passed; exiting`);
    exit();
  }, deadline.remaining());
  function exit(): void {
    if (exited) return;
    exited = true;
    clearTimeout(backstop);
    removeGuards();
    if (plan.exit) plan.exit(plan.code);
    else process.exit(plan.code);
  }
  try {
    await Promise.resolve(); // the code that triggered the exit (err.process and after) finishes first
    plan.afterTrigger?.();
    if (plan.pending !== undefined) {
      const outcome = await deadline.wait(plan.pending, cleanupsUntil);
      if (outcome.status === 'timeout') plan.onPendingTimeout?.();
    }
    await runCleanups(
      plan.cleanups,
      { info: plan.info, exitCode: plan.code },
      deadline,
      cleanupsUntil,
    );
    await drainAll(plan.drains, deadline);
  } catch (failure) {
    diag.warn(`FailFast: the shutdown failed: ${String(failure)}`);
  } finally {
    exit();
  }
}

async function drainAll(drains: readonly Drain[], deadline: Deadline): Promise<void> {
  const outcomes = await Promise.all(drains.map(drain => deadline.wait(start(drain))));
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'failed') {
      diag.warn(`FailFast: drain #${index + 1} failed: ${String(outcome.reason)}`);
    } else if (outcome.status === 'timeout') {
      diag.warn(`FailFast: drain #${index + 1} did not finish before the deadline`);
    }
  });
}

/** The drain's promise; a synchronous throw becomes a rejection. */
async function start(drain: Drain): Promise<unknown> {
  return await drain();
}
