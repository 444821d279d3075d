import type { TimedEvent } from '@opentelemetry/sdk-trace';
import type { ErrorInfo } from '../src/errorinfo/ErrorInfo.ts';

// Weak: an entry lives as long as its event (that is, its span), never longer.
const reports = new WeakMap<TimedEvent, ErrorInfo>();

/**
 * Remembers the full ErrorInfo of an exception event this process enriched, so that in-process
 * exporters get the report whole (locals, source, every link of the chain) rather than rebuilt
 * from attributes cut to the SDK's and backends' limits.
 */
export function rememberEventErrorInfo(event: TimedEvent, info: ErrorInfo): void {
  reports.set(event, info);
}

/** The full ErrorInfo of an exception event enriched in this process, if it was. Shared: treat it as read-only. */
export function eventErrorInfo(event: TimedEvent): ErrorInfo | undefined {
  return reports.get(event);
}
