import type { Envelope, Transport, TransportMakeRequestResponse } from '@sentry/core';
import type { DeliveryLog } from './DeliveryLog.ts';
import { withTracingSuppressed } from './suppressTracing.ts';

/** What became of one event: accepted, dropped on purpose (rate limit, full buffer), or failed. */
export type Outcome = 'sent' | 'dropped' | 'failed';

// A custom transport that never settles must not hold an export callback forever.
const GRACE_MS = 1000;

function outcomeOf({ statusCode }: TransportMakeRequestResponse, log: DeliveryLog): Outcome {
  // No status: the transport dropped the event itself (rate limit, full buffer) and counted it.
  if (statusCode === undefined) return 'dropped';
  if (statusCode >= 200 && statusCode < 300) return 'sent';
  const why = statusCode === 429 ? '; later events wait for its Retry-After' : '';
  log.drop(`http_${statusCode}`, `Sentry answered HTTP ${statusCode}${why}`);
  return statusCode === 429 ? 'dropped' : 'failed';
}

/**
 * Hands an envelope to the transport with tracing suppressed and resolves with its outcome, at the
 * latest `timeoutMs` + 1 s later. Never rejects: failures are counted in `log`.
 */
export function deliverEnvelope(
  transport: Transport,
  envelope: Envelope,
  timeoutMs: number,
  log: DeliveryLog,
): Promise<Outcome> {
  return new Promise<Outcome>(resolve => {
    let settled = false;
    const settle = (outcome: () => Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome());
    };
    const fail = (reason: string, detail: string) => () => {
      log.drop(reason, detail);
      return 'failed' as const;
    };
    const timer = setTimeout(
      () => settle(fail('timeout', 'the transport did not settle in time')),
      timeoutMs + GRACE_MS,
    ).unref();
    try {
      withTracingSuppressed(() => transport.send(envelope)).then(
        response => settle(() => outcomeOf(response, log)),
        (error: unknown) =>
          settle(fail('network_error', `could not reach Sentry: ${String(error)}`)),
      );
    } catch (error) {
      settle(fail('network_error', `the transport threw: ${String(error)}`));
    }
  });
}
