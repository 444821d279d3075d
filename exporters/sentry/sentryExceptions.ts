import type { Exception, Mechanism } from '@sentry/core';
import type { ErrorInfo, ExceptionInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import type { Redactor } from '../../src/locals/redact.ts';
import { toSentryFrames } from './sentryFrames.ts';

/** How the thrown exception was caught, for its `mechanism`. */
export interface MechanismOptions {
  /** `mechanism.type` of the thrown exception (linked ones are `'chained'`). */
  type: string;
  /** Whether the application handled it; left out when unknown. */
  handled?: boolean;
}

interface Node {
  exception: ExceptionInfo;
  frames: readonly Frame[];
  /** `'cause'` or `'errors[i]'` for a linked exception; `null` for the thrown one. */
  source: string | null;
  parentId: number;
}

function mechanismData(exception: ExceptionInfo): Record<string, string | boolean> | undefined {
  const data: Record<string, string | boolean> = {};
  if (exception.code !== null) data.code = String(exception.code);
  if (exception.errno !== null) data.errno = String(exception.errno);
  if (exception.syscall !== null) data.syscall = exception.syscall;
  if (exception.path !== null) data.path = exception.path;
  if (exception.kind !== 'error') data.kind = exception.kind;
  if (exception.truncated) data.truncated = true;
  return Object.keys(data).length > 0 ? data : undefined;
}

function mechanismOf(
  node: Node,
  id: number,
  linked: boolean,
  options: MechanismOptions,
): Mechanism {
  const mechanism: Mechanism = { type: node.source === null ? options.type : 'chained' };
  if (options.handled !== undefined) mechanism.handled = options.handled;
  const data = mechanismData(node.exception);
  if (data !== undefined) mechanism.data = data;
  if (linked) {
    mechanism.exception_id = id;
    if (node.source !== null) {
      mechanism.source = node.source;
      mechanism.parent_id = node.parentId;
    }
    if (node.exception.errors.length > 0) mechanism.is_exception_group = true;
  }
  return mechanism;
}

// Pre-order, `cause` before the members, as @sentry/core's linked-errors walk numbers them.
function walk(info: ErrorInfo): Node[] {
  const nodes: Node[] = [];
  const visit = (node: Node): void => {
    const id = nodes.length;
    nodes.push(node);
    const { cause, errors } = node.exception;
    if (cause !== null)
      visit({ exception: cause, frames: cause.frames, source: 'cause', parentId: id });
    errors.forEach((member, i) =>
      visit({ exception: member, frames: member.frames, source: `errors[${i}]`, parentId: id }),
    );
  };
  visit({ exception: info.exception, frames: info.frames, source: null, parentId: 0 });
  return nodes;
}

/**
 * `exception.values` of a Sentry event: the thrown exception and every linked one (cause chain,
 * AggregateError members), each with its own frames. Sentry's order: the thrown exception LAST,
 * the others before it in reverse discovery order; when there are several, `mechanism` links them
 * by `exception_id`/`parent_id` with `source` `'cause'` or `'errors[i]'`, and an exception with
 * members is an `is_exception_group`.
 */
export function toSentryExceptions(
  info: ErrorInfo,
  options: MechanismOptions,
  redactor: Redactor,
): Exception[] {
  const nodes = walk(info);
  const linked = nodes.length > 1;
  const values = nodes.map((node, id): Exception => {
    const value: Exception = {
      type: node.exception.type,
      value: node.exception.message,
      mechanism: mechanismOf(node, id, linked, options),
    };
    if (node.frames.length > 0)
      value.stacktrace = { frames: toSentryFrames(node.frames, redactor) };
    return value;
  });
  return values.reverse();
}
