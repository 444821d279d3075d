import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { ErrorInfo } from '../src/errorinfo/ErrorInfo.ts';
import { errorInfoOfEvent, exceptionEventsOf } from './errorInfoOfEvent.ts';

/**
 * The reports of the exceptions in `spans`, each once: the processor gives one report to an error
 * recorded on several spans of one trace (a child and its parent), and `seen` (an exporter's own,
 * weak) remembers the reports already returned, across batches. Never throws.
 */
export function errorInfosOf(
  spans: readonly ReadableSpan[],
  seen: WeakSet<ErrorInfo>,
): ErrorInfo[] {
  const infos: ErrorInfo[] = [];
  for (const span of spans) {
    for (const event of safeEvents(span)) {
      const info = errorInfoOfEvent(span, event);
      if (info === null || seen.has(info)) continue;
      seen.add(info);
      infos.push(info);
    }
  }
  return infos;
}

function safeEvents(span: ReadableSpan): ReturnType<typeof exceptionEventsOf> {
  try {
    return exceptionEventsOf(span);
  } catch {
    return []; // not an SDK span: no events to read
  }
}
