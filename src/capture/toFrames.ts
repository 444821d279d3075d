import type { Frame, SourceContext } from '../errorinfo/ErrorInfo.ts';
import { readSourceContext } from '../source/readSourceContext.ts';
import { originalPosition, sourceLinesOf } from '../source/resolveFramePosition.ts';
import type { OriginalPosition } from '../source/SourceMapResolver.ts';
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

/**
 * Report frames from V8 frames (CallSites or parsed text), top first: positions moved through source maps,
 * module names, the in-app flag and source context (for the scope asked, always for the frame that threw).
 * This runs for every frame of every captured exception, so each frame object is built once, file-level
 * facts (path, module name) come from memos, and files are only read for frames that get context.
 */
export function toFrames(
  raw: readonly (StackFrame | LiveFrame)[],
  settings: FrameSettings,
): Frame[] {
  const count = Math.min(raw.length, settings.maxFrames);
  const frames: Frame[] = [];
  for (let index = 0; index < count; index++) frames.push(toFrame(raw[index]!, index, settings));
  return frames;
}

function toFrame(input: StackFrame | LiveFrame, index: number, settings: FrameSettings): Frame {
  const original = mapped(input);
  const frame: Frame = {
    function: original === null ? input.function : (original.name ?? input.function),
    alias: input.alias,
    file: original === null ? input.file : original.file,
    line: original === null ? input.line : original.line,
    column: original === null ? input.column : original.column,
    async: input.async,
    isConstructor: input.isConstructor,
    native: input.native,
    eval: input.eval,
    evalOrigin: input.evalOrigin,
    promiseIndex: input.promiseIndex,
    module: null,
    inApp: false,
    generated:
      original === null
        ? null
        : { file: input.file, line: input.line, column: input.column, function: input.function },
    source: null,
    locals: null,
  };
  frame.module = moduleName(input.eval ? (input.evalOrigin?.file ?? null) : frame.file, {
    baseDir: settings.baseDir,
  });
  frame.inApp = isInApp(frame, settings.inApp);
  const scope = settings.sourceContext;
  if (scope === 'all' || (scope === 'app' && (frame.inApp || index === 0))) {
    frame.source = sourceOf(input, original, settings.contextLines);
  }
  return frame;
}

/** The original position of a script frame with a full position, when a source map moves it. */
function mapped(input: StackFrame | LiveFrame): OriginalPosition | null {
  const { file, line, column } = input;
  if (input.native || input.eval || file === null || line === null || column === null) return null;
  const enclosingLine = 'enclosingLine' in input ? input.enclosingLine : null;
  const enclosingColumn = 'enclosingColumn' in input ? input.enclosingColumn : null;
  const enclosing =
    enclosingLine !== null && enclosingColumn !== null
      ? { line: enclosingLine, column: enclosingColumn }
      : null;
  return originalPosition(file, line, column, enclosing);
}

function sourceOf(
  input: StackFrame | LiveFrame,
  original: OriginalPosition | null,
  contextLines: number,
): SourceContext | null {
  if (input.eval) {
    // Eval'd code has no file of its own: the line that called eval is the useful context.
    const origin = input.evalOrigin;
    return origin?.file == null || origin.line === null
      ? null
      : around(sourceLinesOf(origin.file), origin.line, origin.column, contextLines);
  }
  if (original !== null)
    return around(original.lines, original.line, original.column, contextLines);
  if (input.native || input.file === null || input.line === null) return null;
  return around(sourceLinesOf(input.file), input.line, input.column, contextLines);
}

function around(
  lines: readonly string[] | null,
  line: number,
  column: number | null,
  contextLines: number,
): SourceContext | null {
  return lines === null ? null : readSourceContext(lines, line, { contextLines, column });
}
