import { diag } from '@opentelemetry/api';

/**
 * Where recorded exceptions go, per the semconv transition switch
 * `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN` (semconv v1.40): `'spans'` (unset: span events, the default),
 * `'logs'` (log records only) or `'logs/dup'` (both).
 */
export type ExceptionSignal = 'spans' | 'logs' | 'logs/dup';

/** The environment variable of the switch. */
export const EXCEPTION_SIGNAL_ENV = 'OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN';

/** Which signals carry a recorded exception. */
export interface SignalTargets {
  /** Keep the `exception` span event. */
  spanEvents: boolean;
  /** Emit an `exception` log record. */
  logRecords: boolean;
}

/**
 * Reads the switch like the other `OTEL_SEMCONV_*_OPT_IN` variables: a comma-separated list whose
 * `logs/dup` entry wins over `logs`; other entries are ignored (they may belong to other switches),
 * so an unset, empty or unrelated value means span events only.
 */
export function exceptionSignalFromEnv(value = process.env[EXCEPTION_SIGNAL_ENV]): ExceptionSignal {
  const entries = (value ?? '').split(',').map(entry => entry.trim().toLowerCase());
  if (entries.includes('logs/dup')) return 'logs/dup';
  if (entries.includes('logs')) return 'logs';
  const unknown = entries.filter(entry => entry !== '');
  if (unknown.length > 0) {
    diag.debug(
      `ExceptionSpanProcessor: ignoring ${EXCEPTION_SIGNAL_ENV} entries ${unknown.join(',')}`,
    );
  }
  return 'spans';
}

/** The targets of a signal choice. */
export function signalTargets(signal: ExceptionSignal): SignalTargets {
  return { spanEvents: signal !== 'logs', logRecords: signal !== 'spans' };
}
