import { diag } from '@opentelemetry/api';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { isFailFastPolicy, type FailFastPolicy } from './FailFastPolicy.ts';
import type { Cleanup } from './runCleanups.ts';
import { runFailFast, type FailFastExit } from './runFailFast.ts';
import { shouldFailFast } from './shouldFailFast.ts';

/** The fail-fast state of one `err`: its policies, its cleanup callbacks, and whether it is exiting. */
export class FailFast {
  private readonly _policies: FailFastPolicy[] = [];
  private readonly _cleanups: Cleanup[] = [];
  private _exiting = false;
  private readonly _exit: ((code: number) => void) | undefined;

  /** `exit` ends the process; the default is `process.exit` (tests pass their own). */
  constructor(exit?: (code: number) => void) {
    this._exit = exit;
  }

  /** True from the trigger on: the process is on its way out. */
  get exiting(): boolean {
    return this._exiting;
  }

  /** Adds policies after the others; a value that is not a policy is a TypeError (nothing is added). */
  addPolicies(policies: readonly FailFastPolicy[]): void {
    for (const policy of policies) {
      if (!isFailFastPolicy(policy)) {
        throw new TypeError(
          `err.addFailFast(policy): a policy must be a function (error, info) => boolean or an object with check(error, info), not ${shown(policy)}.`,
        );
      }
    }
    this._policies.push(...policies);
  }

  /** Adds a cleanup callback after the others; returns the function that removes it. */
  addCleanup(cleanup: Cleanup): () => void {
    if (typeof cleanup !== 'function') {
      throw new TypeError(
        `err.addCleanup(cleanup): cleanup must be a function, not ${shown(cleanup)}.`,
      );
    }
    this._cleanups.push(cleanup);
    return () => {
      const index = this._cleanups.indexOf(cleanup);
      if (index !== -1) this._cleanups.splice(index, 1);
    };
  }

  /** Whether the policies stop the process for `error` (never asked again once exiting). */
  check(error: unknown, info: ErrorInfo): boolean {
    return !this._exiting && shouldFailFast(this._policies, error, info);
  }

  /**
   * Starts the exit, once (false when already exiting): `plan` is made now (if it throws, the process still
   * exits with `code`) and run by `runFailFast`, whose steps wait for the current task to finish.
   */
  start(code: number, plan: () => Omit<FailFastExit, 'cleanups' | 'code' | 'exit'>): boolean {
    if (this._exiting) return false;
    this._exiting = true;
    let made: Omit<FailFastExit, 'cleanups' | 'code' | 'exit'>;
    try {
      made = plan();
    } catch (failure) {
      diag.warn(`FailFast: could not prepare the exit: ${String(failure)}`);
      made = { timeoutMs: 0, info: null, drains: [] };
    }
    void runFailFast({ ...made, code, cleanups: [...this._cleanups], exit: this._exit });
    return true;
  }

  /** Drops the policies and cleanup callbacks (`err.shutdown`). */
  clear(): void {
    this._policies.length = 0;
    this._cleanups.length = 0;
  }
}

function shown(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}
