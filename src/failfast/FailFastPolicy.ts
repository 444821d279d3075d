import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';

/** A policy as a function: a truthy result for a processed error and its report stops the process. */
export type FailFastPredicate = (error: unknown, info: ErrorInfo) => boolean;

/** A policy as an object: `check(error, info)` returning a truthy value stops the process. */
export interface FailFastCheck {
  /** Whether the processed `error` (anything thrown) with its report `info` is unrecoverable. */
  check(error: unknown, info: ErrorInfo): boolean;
}

/** One fail-fast policy: a predicate or an object with `check`. Policies run in order; the first truthy one wins. */
export type FailFastPolicy = FailFastPredicate | FailFastCheck;

/** Whether `value` can be used as a fail-fast policy. */
export function isFailFastPolicy(value: unknown): value is FailFastPolicy {
  return (
    typeof value === 'function' ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as { check?: unknown }).check === 'function')
  );
}

/** Runs one policy (which may throw: the caller isolates it). */
export function applyPolicy(policy: FailFastPolicy, error: unknown, info: ErrorInfo): boolean {
  return Boolean(typeof policy === 'function' ? policy(error, info) : policy.check(error, info));
}
