import type { Frame, SourceContext } from '../errorinfo/ErrorInfo.ts';
import { readSourceContext } from '../source/readSourceContext.ts';
import {
  resolveFramePosition,
  sourceLinesOf,
  type ResolvedFramePosition,
} from '../source/resolveFramePosition.ts';
import type { LiveFrame } from '../stack/LiveFrame.ts';
import type { StackFrame } from '../stack/StackFrame.ts';
import { isInApp, type InAppRules } from '../stack/isInApp.ts';
import { moduleName } from '../stack/moduleName.ts';
import type { SourceContextScope } from './CaptureOptions.ts';

/** How raw frames become report frames. */
export interface FrameSettings {
  /** In-app rules. */
  inApp: InAppRules;
  /** Base directory of module names. */
  baseDir: string;
  /** Lines of context around each frame. */
  contextLines: number;
  /** Which frames get context. */
  sourceContext: SourceContextScope;
  /** Frames kept. */
  maxFrames: number;
}

function isLive(frame: StackFrame | LiveFrame): frame is LiveFrame {
  return 'enclosingLine' in frame;
}

// Eval'd code has no file of its own: the line that called eval is the useful context.
function evalContext(frame: StackFrame, settings: FrameSettings): SourceContext | null {
  const origin = frame.evalOrigin;
  if (origin?.file == null || origin.line === null) return null;
  const lines = sourceLinesOf(origin.file);
  return lines === null
    ? null
    : readSourceContext(lines, origin.line, {
        contextLines: settings.contextLines,
        column: origin.column,
      });
}

/**
 * Report frames from V8 frames (CallSites or parsed text), top first: positions moved through source maps,
 * module names, the in-app flag and source context (for the scope asked, always for the frame that threw).
 */
export function toFrames(
  raw: readonly (StackFrame | LiveFrame)[],
  settings: FrameSettings,
): Frame[] {
  return raw.slice(0, settings.maxFrames).map((input, index) => {
    const { enclosingLine = null, enclosingColumn = null } = isLive(input) ? input : {};
    const stackFrame: StackFrame = {
      function: input.function,
      alias: input.alias,
      file: input.file,
      line: input.line,
      column: input.column,
      async: input.async,
      isConstructor: input.isConstructor,
      native: input.native,
      eval: input.eval,
      evalOrigin: input.evalOrigin,
      promiseIndex: input.promiseIndex,
    };
    const mapped =
      input.native || input.eval
        ? null
        : resolveFramePosition(
            { ...stackFrame, enclosingLine, enclosingColumn },
            { withSource: false },
          );
    const frame: StackFrame = mapped ? { ...stackFrame, ...pick(mapped) } : stackFrame;
    const inApp = isInApp(frame, settings.inApp);
    const wantsContext =
      settings.sourceContext === 'all' ||
      (settings.sourceContext === 'app' && (inApp || index === 0));
    let source: SourceContext | null = null;
    if (wantsContext) {
      source = frame.eval ? evalContext(frame, settings) : contextOf(mapped, settings.contextLines);
    }
    return {
      ...frame,
      module: moduleName(frame.eval ? (frame.evalOrigin?.file ?? null) : frame.file, {
        baseDir: settings.baseDir,
      }),
      inApp,
      generated: mapped?.generated ?? null,
      source,
      locals: null,
    };
  });
}

function contextOf(
  mapped: ResolvedFramePosition | null,
  contextLines: number,
): SourceContext | null {
  if (mapped?.lines == null || mapped.line === null) return null;
  return readSourceContext(mapped.lines, mapped.line, { contextLines, column: mapped.column });
}

function pick(mapped: {
  file: string | null;
  line: number | null;
  column: number | null;
  function: string | null;
}) {
  return { file: mapped.file, line: mapped.line, column: mapped.column, function: mapped.function };
}
