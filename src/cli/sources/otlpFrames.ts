/**
 * Frames of an OTLP exception event: from our `otel_err.frames` (+ `otel_err.source`,
 * `otel_err.locals`) when present, else parsed from `exception.stacktrace`. Every item of our
 * JSON attributes is checked field by field; a malformed field gets its default.
 */
import { LOCALS, SOURCE, FRAMES } from '../../../processors/semconv.ts';
import type { Frame, JsonValue, SourceContext } from '../../errorinfo/ErrorInfo.ts';
import { isInApp } from '../../stack/isInApp.ts';
import { moduleName } from '../../stack/moduleName.ts';
import { parseStack } from '../../stack/parseStack.ts';
import type { StackFrame } from '../../stack/StackFrame.ts';
import { type AttributeValue, stringAttribute } from './otlpAttributes.ts';

type Item = Record<string, unknown>;

/** The frames of an event's attributes, top first. */
export function otlpFrames(
  attributes: Map<string, AttributeValue>,
  stack: string | null,
  message: string,
): Frame[] {
  const items = jsonItems(stringAttribute(attributes, FRAMES));
  const frames =
    items.length > 0 ? items.map(frameOf) : stack === null ? [] : parsedFrames(stack, message);
  for (const item of jsonItems(stringAttribute(attributes, SOURCE))) {
    const frame = frames[index(item.frame)];
    const source = sourceOf(item);
    if (frame !== undefined && source !== null) frame.source = source;
  }
  for (const item of jsonItems(stringAttribute(attributes, LOCALS))) {
    const frame = frames[index(item.frame)];
    if (frame !== undefined && isItem(item.locals))
      frame.locals = item.locals as Record<string, JsonValue>;
  }
  return frames;
}

/** The frames of linked exceptions in `otel_err.chain` items. */
export function chainFrames(value: unknown): Frame[] {
  return Array.isArray(value) ? (value as unknown[]).filter(isItem).map(frameOf) : [];
}

/** Parsed items of a JSON array attribute; `[]` when absent or not a JSON array. */
export function jsonItems(text: string | null): Item[] {
  if (text === null) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as unknown[]).filter(isItem) : [];
  } catch {
    return [];
  }
}

function parsedFrames(stack: string, message: string): Frame[] {
  return parseStack(stack, { message }).map(frame => ({
    ...frame,
    module: moduleName(frame.file),
    inApp: isInApp(frame),
    generated: null,
    source: null,
    locals: null,
  }));
}

function frameOf(item: Item): Frame {
  const frame: StackFrame = {
    function: text(item.function),
    alias: text(item.alias),
    file: text(item.file),
    line: position(item.line),
    column: position(item.column),
    async: item.async === true,
    isConstructor: item.isConstructor === true,
    native: item.native === true,
    eval: item.eval === true,
    evalOrigin: isItem(item.evalOrigin)
      ? {
          function: text(item.evalOrigin.function),
          file: text(item.evalOrigin.file),
          line: position(item.evalOrigin.line),
          column: position(item.evalOrigin.column),
        }
      : null,
    promiseIndex: position(item.promiseIndex),
  };
  return {
    ...frame,
    module: text(item.module),
    inApp: item.inApp === true,
    generated: null,
    source: null,
    locals: null,
  };
}

function sourceOf(item: Item): SourceContext | null {
  const { firstLine, currentLine, lines } = item;
  if (position(firstLine) === null || position(currentLine) === null || !Array.isArray(lines))
    return null;
  if (!(lines as unknown[]).every(line => typeof line === 'string')) return null;
  return {
    firstLine: firstLine as number,
    currentLine: currentLine as number,
    lines: lines as string[],
  };
}

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function position(value: unknown): number | null {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : null;
}

function index(value: unknown): number {
  return position(value) ?? -1;
}
