import assert from 'node:assert/strict';
import * as names from '../../processors/semconv.ts';
import { attributesOf, stringOf, type PlainValue } from '../helpers/otlp/attributesOf.ts';
import type { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';
import type { ExportTraceRequest, OtlpSpan } from '../helpers/otlp/otlpTypes.ts';

/** A span as received, and the attributes of its one exception event. */
export interface ReceivedException {
  span: OtlpSpan;
  attributes: Record<string, PlainValue>;
}

/**
 * The span `trace` names (a report's `trace`), asserting it arrived with exactly one exception event that
 * carries a fingerprint and structured frames.
 */
export function receivedException(receiver: OtlpReceiver, trace: unknown): ReceivedException {
  const { traceId, spanId } = trace as { traceId: string; spanId: string };
  const span = receiver.spans().find(s => s.traceId === traceId && s.spanId === spanId);
  assert.ok(span, `span ${traceId}/${spanId} received`);
  const events = span.events.filter(event => event.name === names.EXCEPTION_EVENT);
  assert.equal(events.length, 1);
  const attributes = attributesOf(events[0]?.attributes);
  assert.match(stringOf(attributes[names.FINGERPRINT]), /^[0-9a-f-]{36}$/);
  const frames = JSON.parse(stringOf(attributes[names.FRAMES])) as unknown[];
  assert.ok(frames.length > 0);
  return { span, attributes };
}

/** The resource attributes of the request that carried the span `spanId`. */
export function resourceOf(receiver: OtlpReceiver, spanId: string): Record<string, PlainValue> {
  for (const request of receiver.requests) {
    if (request.signal !== 'traces') continue;
    for (const resourceSpans of (request.body as ExportTraceRequest).resourceSpans) {
      if (resourceSpans.scopeSpans.some(scope => scope.spans.some(s => s.spanId === spanId))) {
        return attributesOf(resourceSpans.resource?.attributes);
      }
    }
  }
  assert.fail(`no resource for span ${spanId}`);
}
