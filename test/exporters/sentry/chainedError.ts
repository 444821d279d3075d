import { captureErrorInfo } from '../../../src/capture/captureErrorInfo.ts';
import type { ErrorInfo } from '../../../src/errorinfo/ErrorInfo.ts';

/** The trace the sample report was captured in. */
export const SAMPLE_TRACE = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
};

function resetSocket(): Error {
  return new Error('socket reset');
}

function askReplicas(): AggregateError {
  return new AggregateError(
    [new RangeError('replica a: bad byte'), new TypeError('replica b: no answer')],
    'all replicas failed',
    { cause: resetSocket() },
  );
}

/** Throws `Error('request failed')` ← cause `AggregateError` (2 members) ← cause `Error('socket reset')`. */
export function failingRequest(): never {
  const cause = askReplicas();
  throw new Error('request failed', { cause });
}

/** The captured report of `failingRequest`: a cause chain of 3, an AggregateError in the middle, in a trace. */
export function chainedErrorInfo(): ErrorInfo {
  try {
    failingRequest();
  } catch (error) {
    const info = captureErrorInfo(error, {
      name: 'checkout',
      version: '1.2.3',
      locals: null,
      resource: { 'service.name': 'checkout', 'deployment.environment.name': 'staging' },
    });
    return { ...info, trace: SAMPLE_TRACE };
  }
}
