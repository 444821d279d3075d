import { diag } from '@opentelemetry/api';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import { applyPolicy, type FailFastPolicy } from './FailFastPolicy.ts';

/**
 * Evaluates `policies` in order on a processed error: the first truthy one triggers (the rest are not run).
 * A policy that throws counts as "no" and is reported through `diag`: a broken rule must neither kill the
 * process nor hide the policies after it.
 */
export function shouldFailFast(
  policies: readonly FailFastPolicy[],
  error: unknown,
  info: ErrorInfo,
): boolean {
  for (let index = 0; index < policies.length; index++) {
    const policy = policies[index]!;
    try {
      if (applyPolicy(policy, error, info)) return true;
    } catch (failure) {
      diag.warn(`FailFast: policy #${index + 1} (${describe(policy)}) threw: ${String(failure)}`);
    }
  }
  return false;
}

function describe(policy: FailFastPolicy): string {
  if (typeof policy === 'function') return policy.name || 'anonymous function';
  const own = (policy as { toString?: unknown }).toString;
  // The built-in policies say what they are; a plain object would only say "[object Object]".
  return typeof own === 'function' && own !== Object.prototype.toString
    ? String(own.call(policy))
    : 'object with check()';
}
