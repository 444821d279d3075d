import { diag } from '@opentelemetry/api';
import type { ChainedException, ExceptionInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import {
  normalizeDefaults,
  normalizeThrown,
  type ExceptionFields,
  type NormalizedThrown,
  type NormalizeOptions,
} from './normalizeThrown.ts';
import { isObjectLike } from './safeGet.ts';

/** Reads one exception's frames: `error` is the error-like object (else `null`), `exception` its normalised fields. */
export type FrameReader = (error: object | null, exception: ExceptionFields) => Frame[];

/** Options of `buildExceptionChain`; the `NormalizeOptions` apply to every exception of the tree. */
export interface ExceptionChainOptions extends NormalizeOptions {
  /** Links (`cause` or member) followed below the thrown exception; deeper ones are cut and marked `truncated`. The default value is 8. */
  maxDepth?: number;
  /** Exceptions in the whole tree, the thrown one included: `maxMembers` per level multiplies, this bounds the total. The default value is 64. */
  maxExceptions?: number;
}

/** Defaults of `ExceptionChainOptions` (`maxMembers` and the length caps come from `normalizeDefaults`). */
export const exceptionChainDefaults: Readonly<Required<ExceptionChainOptions>> = {
  ...normalizeDefaults,
  maxDepth: 8,
  maxExceptions: 64,
};

/** The thrown exception with its chain inside, and its frames apart (they go to `ErrorInfo.frames`). */
export interface ExceptionChain {
  /** The thrown exception; `cause` and `errors` hold the chain, each with its own frames. */
  exception: ExceptionInfo;
  /** Frames of the thrown exception. */
  frames: Frame[];
}

interface Walk {
  readonly options: Readonly<Required<ExceptionChainOptions>>;
  readonly readFrames: FrameReader;
  /** Objects already in the tree: a second visit (a cycle, or the same error reached twice) is cut. */
  readonly seen: Set<object>;
  remaining: number;
}

/**
 * Normalises a thrown value and walks its `cause` chain and members (AggregateError, SuppressedError)
 * depth-first, cause first: bounded by depth, by member count and by a total budget, cycle-safe.
 * Never throws: a failing `readFrames` gives no frames; any other failure, the thrown value alone.
 */
export function buildExceptionChain(
  value: unknown,
  readFrames: FrameReader,
  options: ExceptionChainOptions = {},
): ExceptionChain {
  try {
    const walk: Walk = {
      options: resolveOptions(options),
      readFrames,
      seen: new Set(),
      remaining: 0,
    };
    walk.remaining = walk.options.maxExceptions - 1;
    if (isObjectLike(value)) walk.seen.add(value);
    const top = normalizeThrown(value, walk.options);
    return { exception: expand(walk, top, 0), frames: framesOf(walk, top) };
  } catch (error) {
    diag.warn('buildExceptionChain: chain walk failed, keeping the thrown value alone', error);
    const { exception } = normalizeThrown(value);
    return { exception: { ...exception, cause: null, errors: [], truncated: true }, frames: [] };
  }
}

function expand(walk: Walk, node: NormalizedThrown, depth: number): ExceptionInfo {
  const info: ExceptionInfo = {
    ...node.exception,
    cause: null,
    errors: [],
    truncated: node.membersOmitted > 0,
  };
  if (node.hasCause) {
    info.cause = link(walk, node.cause, depth + 1);
    if (info.cause === null) info.truncated = true;
  }
  for (const member of node.members) {
    const chained = link(walk, member, depth + 1);
    if (chained === null) info.truncated = true;
    else info.errors.push(chained);
  }
  return info;
}

/** The chained exception for `value`, or `null` where the walk must stop. */
function link(walk: Walk, value: unknown, depth: number): ChainedException | null {
  if (depth > walk.options.maxDepth || walk.remaining <= 0) return null;
  if (isObjectLike(value)) {
    if (walk.seen.has(value)) return null;
    walk.seen.add(value);
  }
  walk.remaining -= 1;
  const node = normalizeThrown(value, walk.options);
  return { ...expand(walk, node, depth), frames: framesOf(walk, node) };
}

function framesOf(walk: Walk, node: NormalizedThrown): Frame[] {
  try {
    const frames = walk.readFrames(node.error, node.exception);
    return Array.isArray(frames) ? frames : [];
  } catch (error) {
    diag.debug('buildExceptionChain: readFrames threw, keeping no frames', error);
    return [];
  }
}

function resolveOptions(options: ExceptionChainOptions): Required<ExceptionChainOptions> {
  const resolved = { ...exceptionChainDefaults, ...definedOnly(options) };
  for (const key of Object.keys(exceptionChainDefaults) as (keyof ExceptionChainOptions)[]) {
    const given = resolved[key];
    if (Number.isInteger(given) && given >= 0) continue;
    diag.warn(
      `buildExceptionChain: invalid ${key} ${String(given)}, using ${exceptionChainDefaults[key]}`,
    );
    resolved[key] = exceptionChainDefaults[key];
  }
  return resolved;
}

function definedOnly(options: ExceptionChainOptions): ExceptionChainOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
