import type { StackFrame as SentryFrame } from '@sentry/core';
import type { Frame, SourceContext } from '../../src/errorinfo/ErrorInfo.ts';
import type { Redactor } from '../../src/locals/redact.ts';
import { toFilePath } from '../../src/stack/filePath.ts';
import { redactRecord } from './redactJson.ts';

function addSource(out: SentryFrame, source: SourceContext): void {
  const at = source.currentLine - source.firstLine;
  const line = source.lines[at];
  if (at < 0 || line === undefined) return;
  out.pre_context = source.lines.slice(0, at);
  out.context_line = line;
  out.post_context = source.lines.slice(at + 1);
}

/**
 * One frame in Sentry's shape. `abs_path` is the filesystem path (a `file://` URL converted) and
 * `filename` the same path, as Sentry's Node SDK sends it; `node:` modules, eval locations and other
 * non-paths only get a `filename`. Locals go to `vars`, redacted again.
 */
export function toSentryFrame(frame: Frame, redactor: Redactor): SentryFrame {
  const out: SentryFrame = { in_app: frame.inApp };
  const absPath = toFilePath(frame.file);
  if (absPath !== null) out.abs_path = absPath;
  const filename = absPath ?? frame.file;
  if (filename !== null) out.filename = filename;
  if (frame.function !== null) out.function = frame.function;
  if (frame.module !== null) out.module = frame.module;
  if (frame.line !== null) out.lineno = frame.line;
  if (frame.column !== null) out.colno = frame.column;
  if (frame.source !== null) addSource(out, frame.source);
  if (frame.locals !== null) out.vars = redactRecord(frame.locals, redactor);
  return out;
}

/** Frames in Sentry's order: ours are top of the stack first, Sentry's oldest call first (the throwing frame last). */
export function toSentryFrames(frames: readonly Frame[], redactor: Redactor): SentryFrame[] {
  const out: SentryFrame[] = [];
  for (let i = frames.length - 1; i >= 0; i--) out.push(toSentryFrame(frames[i]!, redactor));
  return out;
}
