import type { StackFrame } from './StackFrame.ts';
import { parseEvalOrigin } from './parseEvalOrigin.ts';
import { splitPosition } from './scan.ts';

/** The part of a frame that its location text decides. */
export type Location = Pick<
  StackFrame,
  'file' | 'line' | 'column' | 'native' | 'eval' | 'evalOrigin' | 'promiseIndex'
>;

const PROMISE_COMBINATORS = new Set(['Promise.all', 'Promise.allSettled', 'Promise.any']);
const PROMISE_INDEX = /^index (\d{1,9})$/;
const WASM_MARK = ':wasm-function[';
const WASM_TAIL = /^\d{1,10}\]:0x([0-9a-f]{1,12})$/i;

function plain(file: string | null, line: number | null, column: number | null): Location {
  return { file, line, column, native: false, eval: false, evalOrigin: null, promiseIndex: null };
}

const BUILTIN: Location = { ...plain(null, null, null), native: true };

/**
 * Reads the text V8 prints as a frame's location (inside the parentheses, or after `at ` for an
 * anonymous function). `functionName` is needed for `Promise.all (index N)`.
 */
export function parseLocation(text: string, functionName: string | null): Location {
  // Built-ins have no script: old V8 printed `native`, current V8 prints `<anonymous>`.
  if (text === 'native' || text === '<anonymous>') return BUILTIN;
  const index = functionName !== null && PROMISE_COMBINATORS.has(functionName);
  const promise = index ? PROMISE_INDEX.exec(text) : null;
  if (promise) return { ...BUILTIN, promiseIndex: Number(promise[1]) };
  if (text.startsWith('eval at ')) return evalLocation(text);
  const wasm = text.lastIndexOf(WASM_MARK);
  const tail = wasm > 0 ? WASM_TAIL.exec(text.slice(wasm + WASM_MARK.length)) : null;
  // V8's CallSite reports a wasm frame as line 1, column = byte offset + 1; mirror it.
  if (tail) return plain(text.slice(0, wasm), 1, parseInt(tail[1] ?? '', 16) + 1);
  const { file, line, column } = splitPosition(text);
  return plain(file, line, column);
}

/** `eval at ORIGIN, <anonymous>:L:C`: the position is inside the evaluated code. */
function evalLocation(text: string): Location {
  // V8 prints the inner script as `<anonymous>`, which holds no `, `: the last one separates.
  const comma = text.lastIndexOf(', ');
  const origin = parseEvalOrigin(comma < 0 ? text : text.slice(0, comma));
  const inner = comma < 0 ? null : splitPosition(text.slice(comma + 2));
  return {
    ...plain(inner?.file ?? null, inner?.line ?? null, inner?.column ?? null),
    eval: true,
    evalOrigin: origin,
  };
}
