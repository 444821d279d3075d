import { diag } from '@opentelemetry/api';
import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';

/** What a middleware returns: a (changed) report, `null` to drop it, nothing to keep it, or a promise of those. */
export type MiddlewareResult = ErrorInfo | null | undefined | void;

/** A step every processed report passes through: it may change, drop or fan out the report. */
export type Middleware =
  | ((info: ErrorInfo) => MiddlewareResult | Promise<MiddlewareResult>)
  | { process(info: ErrorInfo): MiddlewareResult | Promise<MiddlewareResult> };

function call(
  middleware: Middleware,
  info: ErrorInfo,
): MiddlewareResult | Promise<MiddlewareResult> {
  return typeof middleware === 'function' ? middleware(info) : middleware.process(info);
}

function isPromise(value: unknown): value is Promise<MiddlewareResult> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs the chain over `info`. Synchronous steps run at once; from the first asynchronous step on, the rest of
 * the chain runs when its promise settles, and `settled` resolves with the final report. A throwing or
 * rejecting step is reported through `diag` and skipped (the report goes on unchanged).
 */
export function runMiddleware(
  chain: readonly Middleware[],
  info: ErrorInfo,
): { sync: ErrorInfo | null; settled: Promise<ErrorInfo | null> | null } {
  let current: ErrorInfo | null = info;
  for (let index = 0; index < chain.length && current !== null; index++) {
    const result = safeCall(chain[index]!, current);
    if (isPromise(result)) {
      const rest = chain.slice(index + 1);
      const before = current;
      const settled = result.then(
        value => apply(before, value),
        (error: unknown) => {
          diag.warn(`Err: a middleware rejected: ${String(error)}`);
          return before;
        },
      );
      return {
        sync: null,
        settled: settled.then(next => (next === null ? null : runRest(rest, next))),
      };
    }
    current = apply(current, result);
  }
  return { sync: current, settled: null };
}

async function runRest(chain: readonly Middleware[], info: ErrorInfo): Promise<ErrorInfo | null> {
  const { sync, settled } = runMiddleware(chain, info);
  return settled ?? sync;
}

function safeCall(
  middleware: Middleware,
  info: ErrorInfo,
): MiddlewareResult | Promise<MiddlewareResult> {
  try {
    return call(middleware, info);
  } catch (error) {
    diag.warn(`Err: a middleware threw: ${String(error)}`);
    return undefined;
  }
}

function apply(current: ErrorInfo, result: MiddlewareResult): ErrorInfo | null {
  if (result === null) return null;
  return result === undefined ? current : result;
}
