import type { ChainedException, ErrorInfo, ExceptionInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import { toJSON } from '../errorinfo/codec.ts';
import { DELIVERED_KEY } from './delivery.ts';

/** Frames kept per exception by the last-but-one step. */
const KEPT_FRAMES = 20;
/** Linked exceptions kept per level by the last-but-one step. */
const KEPT_ERRORS = 5;
/** Characters kept of messages, stacks and other long strings by the last-but-one step. */
const KEPT_TEXT = 4096;
/** Characters kept of the type and message by the last step (fits the smallest limit, 4 KiB). */
const BARE_TEXT = 1024;

/** The `extra` key listing what was left out to respect the size limit. */
export const TRUNCATED_KEY = 'storeTruncated';

type Step = readonly [label: string, shrink: (info: ErrorInfo) => ErrorInfo];

/** Ever harsher reductions, tried in order until the report fits. */
const steps: readonly Step[] = [
  ['locals', info => mapFrames(info, frame => ({ ...frame, locals: null }))],
  ['source', info => mapFrames(info, frame => ({ ...frame, source: null }))],
  ['frames', cutFramesAndText],
  ['resource', info => ({ ...info, resource: {}, extra: deliveryOnly(info) })],
  ['chain', info => ({ ...info, frames: [], exception: bareException(info.exception) })],
];

/**
 * The report as JSON no larger than `maxBytes` (UTF-8): if the full report is larger it loses, in
 * order, locals, source context, frames beyond 20 and long texts, resource and extra (but the
 * delivery record), then frames and chain; a report whose identity alone is larger is written anyway; the steps taken are listed in `extra.storeTruncated`. Throws what `toJSON` throws.
 */
export function encodeWithinLimit(info: ErrorInfo, maxBytes: number): string {
  let json = toJSON(info);
  let current = info;
  const taken: string[] = [];
  for (const [label, shrink] of steps) {
    if (Buffer.byteLength(json) <= maxBytes) break;
    current = shrink(current);
    taken.push(label);
    json = toJSON({ ...current, extra: { ...current.extra, [TRUNCATED_KEY]: [...taken] } });
  }
  return json;
}

function deliveryOnly(info: ErrorInfo): ErrorInfo['extra'] {
  const delivered = info.extra[DELIVERED_KEY];
  return Object.hasOwn(info.extra, DELIVERED_KEY) && delivered !== undefined
    ? { [DELIVERED_KEY]: delivered }
    : {};
}

function mapFrames(info: ErrorInfo, map: (frame: Frame) => Frame): ErrorInfo {
  const chained = (exception: ChainedException): ChainedException => ({
    ...linked(exception, chained),
    frames: exception.frames.map(map),
  });
  return { ...info, frames: info.frames.map(map), exception: linked(info.exception, chained) };
}

function linked<T extends ExceptionInfo>(
  exception: T,
  map: (inner: ChainedException) => ChainedException,
): T {
  return {
    ...exception,
    cause: exception.cause === null ? null : map(exception.cause),
    errors: exception.errors.map(map),
  };
}

function cutFramesAndText(info: ErrorInfo): ErrorInfo {
  const chained = (exception: ChainedException): ChainedException => ({
    ...cutException(exception, chained),
    frames: exception.frames.slice(0, KEPT_FRAMES),
  });
  return {
    ...info,
    frames: info.frames.slice(0, KEPT_FRAMES),
    exception: cutException(info.exception, chained),
  };
}

function cutException<T extends ExceptionInfo>(
  exception: T,
  map: (inner: ChainedException) => ChainedException,
): T {
  const errors = exception.errors.slice(0, KEPT_ERRORS).map(map);
  return {
    ...exception,
    message: exception.message.slice(0, KEPT_TEXT),
    stack: exception.stack === null ? null : exception.stack.slice(0, KEPT_TEXT),
    path: exception.path === null ? null : exception.path.slice(0, KEPT_TEXT),
    cause: exception.cause === null ? null : map(exception.cause),
    errors,
    truncated: exception.truncated || errors.length < exception.errors.length,
  };
}

function bareException(exception: ExceptionInfo): ExceptionInfo {
  return {
    ...exception,
    type: exception.type.slice(0, BARE_TEXT),
    message: exception.message.slice(0, BARE_TEXT),
    stack: null,
    cause: null,
    errors: [],
    truncated: true,
  };
}
