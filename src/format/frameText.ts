import type { StackFrame } from '../stack/StackFrame.ts';
import type { Style } from './palette.ts';
import { safeLine } from './text.ts';

/** `file:line:column` with whatever parts are known; built-ins without a file print as V8 does. */
export function frameLocation(frame: StackFrame, max: number): string {
  if (frame.file === null && frame.native) {
    return frame.promiseIndex === null ? '<anonymous>' : `index ${frame.promiseIndex}`;
  }
  const position = positionText(frame.file ?? '<anonymous>', frame.line, frame.column);
  const origin = frame.eval ? frame.evalOrigin : null;
  if (origin === null) return safeLine(position, max);
  const from = positionText(origin.file ?? '<anonymous>', origin.line, origin.column);
  return safeLine(`eval at ${origin.function ?? '<anonymous>'} (${from}), ${position}`, max);
}

/** The function as V8 prints it (`async `, `new `, ` [as alias]`), or `''` for an anonymous frame. */
export function functionName(frame: StackFrame, max: number): string {
  const prefix = (frame.async ? 'async ' : '') + (frame.isConstructor ? 'new ' : '');
  const name = frame.function ?? (frame.isConstructor ? '<anonymous>' : '');
  const alias = frame.alias === null ? '' : ` [as ${frame.alias}]`;
  return name === '' && alias === '' ? prefix.trimEnd() : safeLine(prefix + name + alias, max);
}

/**
 * One frame in Node's own syntax after `at `: `fn (file:1:2)`, `file:1:2` (anonymous),
 * `async fn (file:1:2)`, `Promise.all (index 0)`, `eval (eval at f (file:1:2), <anonymous>:1:5)`.
 */
export function frameText(frame: StackFrame, max: number, name: Style, location: Style): string {
  const fn = functionName(frame, max);
  const where = location(frameLocation(frame, max));
  if (fn === '') return where;
  if (fn === 'async') return `${name(fn)} ${where}`;
  return `${name(fn)} (${where})`;
}

function positionText(file: string, line: number | null, column: number | null): string {
  if (line === null) return file;
  return column === null ? `${file}:${line}` : `${file}:${line}:${column}`;
}
