import type { Event, StackFrame as SentryFrame } from '@sentry/core';

// Sentry's Node SDK sends at most 50 frames per exception, the ones nearest the throw.
const KEPT_FRAMES = 50;

type Step = { name: string; apply: (frames: SentryFrame[]) => SentryFrame[] };

const STEPS: readonly Step[] = [
  {
    name: 'vars',
    apply: frames => frames.map(({ vars: _vars, ...frame }) => frame),
  },
  {
    name: 'context',
    apply: frames => frames.map(({ pre_context: _pre, post_context: _post, ...frame }) => frame),
  },
  { name: 'frames', apply: frames => frames.slice(-KEPT_FRAMES) },
];

function byteSize(event: Event): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8');
}

function mapFrames(event: Event, apply: Step['apply']): Event {
  const values = event.exception?.values?.map(value =>
    value.stacktrace?.frames === undefined
      ? value
      : { ...value, stacktrace: { ...value.stacktrace, frames: apply(value.stacktrace.frames) } },
  );
  return values === undefined ? event : { ...event, exception: { values } };
}

/**
 * The event, made to fit `maxBytes` of JSON (Sentry rejects an event item over 1 MiB with a 413, and
 * the event is lost): frame variables go first, then the lines around the current ones, then all
 * but the 50 frames nearest the throw, then linked exceptions (the thrown one stays). What was
 * left out is named in `extra['otel_err.trimmed']`. An event within the limit is returned as is.
 */
export function fitEvent(event: Event, maxBytes: number): Event {
  if (byteSize(event) <= maxBytes) return event;
  const trimmed: string[] = [];
  let current = event;
  const note = (name: string, next: Event): Event => {
    trimmed.push(name);
    return { ...next, extra: { ...next.extra, 'otel_err.trimmed': [...trimmed] } };
  };
  for (const step of STEPS) {
    current = note(step.name, mapFrames(current, step.apply));
    if (byteSize(current) <= maxBytes) return current;
  }
  const values = current.exception?.values ?? [];
  return note('exceptions', { ...current, exception: { values: values.slice(-1) } });
}
