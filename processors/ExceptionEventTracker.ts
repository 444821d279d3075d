import { diag } from '@opentelemetry/api';
import type { Span, TimedEvent } from '@opentelemetry/sdk-trace';
import { DROPPED_EXCEPTIONS, DROPPED_FINGERPRINTS } from './semconv.ts';

interface TrackedEvent {
  event: TimedEvent;
  fingerprint: string | null;
}

/** Fingerprints listed on a span whose exception events were pushed out. */
const MAX_DROPPED_FINGERPRINTS = 16;

/**
 * Notices enriched exception events that the SDK's event count limit pushed out of their span (it
 * drops the OLDEST event, so an early exception vanishes from a busy span). State exists only for
 * spans that recorded an exception, weakly keyed, and is dropped when the span ends; while no such
 * span is open, `spanEnding` is one counter test.
 */
export class ExceptionEventTracker {
  private readonly _tracked = new WeakMap<object, TrackedEvent[]>();
  private _open = 0;
  private _dropped = 0;

  /** Events pushed out so far, over all spans. */
  get dropped(): number {
    return this._dropped;
  }

  /** Remembers that `event` of `span` carries the exception with `fingerprint`. */
  track(span: Span, event: TimedEvent, fingerprint: string | null): void {
    const tracked = this._tracked.get(span);
    if (tracked !== undefined) {
      tracked.push({ event, fingerprint });
      return;
    }
    this._tracked.set(span, [{ event, fingerprint }]);
    this._open++;
  }

  /**
   * On the still writable ending span: counts the tracked events that are gone, in
   * `otel_err.dropped_exceptions` and `otel_err.dropped_fingerprints`, then forgets the span.
   */
  spanEnding(span: Span): void {
    if (this._open === 0) return;
    const tracked = this._tracked.get(span);
    if (tracked === undefined) return;
    this._tracked.delete(span);
    this._open--;
    const present = new Set(span.events);
    const lost = tracked.filter(entry => !present.has(entry.event));
    if (lost.length === 0) return;
    if (this._dropped === 0)
      diag.warn('ExceptionSpanProcessor: event limit dropped exception events');
    this._dropped += lost.length;
    span.setAttribute(DROPPED_EXCEPTIONS, lost.length);
    const fingerprints = lost.flatMap(entry =>
      entry.fingerprint === null ? [] : [entry.fingerprint],
    );
    span.setAttribute(DROPPED_FINGERPRINTS, fingerprints.slice(0, MAX_DROPPED_FINGERPRINTS));
  }
}
