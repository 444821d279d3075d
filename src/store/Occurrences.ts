import type { ErrorInfo, TraceContext } from '../errorinfo/ErrorInfo.ts';

/** What one or more occurrences of a fingerprint add to its stored report. */
export interface Occurrences {
  /** How many occurrences. */
  count: number;
  /** The earliest. */
  firstSeen: Date;
  /** The latest. */
  lastSeen: Date;
  /** When the latest happened (the report's `timestamp`). */
  timestamp: Date;
  /** Trace context of the latest occurrence that had one. */
  trace: TraceContext | null;
}

/** The occurrences a report stands for. */
export function occurrencesOf(info: ErrorInfo): Occurrences {
  return {
    count: info.count,
    firstSeen: info.firstSeen,
    lastSeen: info.lastSeen,
    timestamp: info.timestamp,
    trace: info.trace,
  };
}

/** Both sets of occurrences together. */
export function addOccurrences(a: Occurrences, b: Occurrences): Occurrences {
  const later = b.timestamp.getTime() >= a.timestamp.getTime() ? b : a;
  const earlier = later === a ? b : a;
  return {
    count: saturatingAdd(a.count, b.count),
    firstSeen: earliest(a.firstSeen, b.firstSeen),
    lastSeen: latest(a.lastSeen, b.lastSeen),
    timestamp: later.timestamp,
    trace: later.trace ?? earlier.trace,
  };
}

/**
 * The stored report after more occurrences. The body (exception, frames, source, locals, service
 * version, runtime) stays the FIRST report's: it is the evidence of when the bug first showed, it
 * never changes under the reader's eyes, and buffering later occurrences then needs only counters,
 * never whole reports (bounded memory in an error storm). Counts, first/last seen, `timestamp` and
 * the trace context describe all occurrences: the trace is the latest one's, to find a fresh trace.
 */
export function mergeOccurrences(report: ErrorInfo, more: Occurrences): ErrorInfo {
  const merged = addOccurrences(occurrencesOf(report), more);
  return { ...report, ...merged };
}

function saturatingAdd(a: number, b: number): number {
  return Math.min(a + b, Number.MAX_SAFE_INTEGER);
}

function earliest(a: Date, b: Date): Date {
  return b.getTime() < a.getTime() ? b : a;
}

function latest(a: Date, b: Date): Date {
  return b.getTime() > a.getTime() ? b : a;
}
