import type { Attributes } from '@opentelemetry/api';
import type { ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { TimedEvent } from '@opentelemetry/sdk-trace';
import type { ExceptionAttributes } from './attributes.ts';
import { EXCEPTION_MESSAGE, EXCEPTION_STACKTRACE } from './semconv.ts';

// The SDK wrote these from the live error, uncut by our capture's clipping: they stay.
const KEEP_EXISTING: ReadonlySet<string> = new Set([EXCEPTION_MESSAGE, EXCEPTION_STACKTRACE]);

/**
 * Writes `attributes` into an existing span event in place (the SDK has no API to change an event),
 * honouring the per-event attribute count limit like `addEvent` does: keys past the limit are dropped
 * in order and counted in `droppedAttributesCount`. Values must already fit the length limit.
 */
export function applyToEvent(
  event: TimedEvent,
  attributes: ExceptionAttributes,
  countLimit: number,
): void {
  const target: Attributes = event.attributes ?? (event.attributes = {});
  let count = Object.keys(target).length;
  let dropped = 0;
  for (const [key, value] of Object.entries(attributes)) {
    const exists = Object.hasOwn(target, key);
    if (exists && KEEP_EXISTING.has(key)) continue;
    if (!exists && count >= countLimit) {
      dropped++;
      continue;
    }
    if (!exists) count++;
    target[key] = value;
  }
  if (dropped > 0) event.droppedAttributesCount = (event.droppedAttributesCount ?? 0) + dropped;
}

/** Writes `attributes` into a log record through its API (which applies the record's limits). */
export function applyToLogRecord(
  record: ReadWriteLogRecord,
  attributes: ExceptionAttributes,
): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (KEEP_EXISTING.has(key) && Object.hasOwn(record.attributes, key)) continue;
    record.setAttribute(key, value);
  }
}
