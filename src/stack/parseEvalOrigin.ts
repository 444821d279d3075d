import type { EvalOrigin } from './StackFrame.ts';
import { nameOrNull, openParenIndex, splitPosition } from './scan.ts';

// Each level rescans what is left, so a cap keeps hostile `eval at a (eval at a (…` input linear.
// Real code nests eval two or three deep.
const MAX_EVAL_DEPTH = 16;

const PREFIX = 'eval at ';

/**
 * Parses V8's eval origin (`eval at foo (eval at bar (/app/x.js:21:17))`, as printed inside a
 * frame or returned by `CallSite.getEvalOrigin()`) down to the outermost real call site.
 */
export function parseEvalOrigin(text: string): EvalOrigin {
  let rest = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : text;
  let fn: string | null = null;
  for (let depth = 0; depth < MAX_EVAL_DEPTH; depth++) {
    const close = rest.length - 1;
    const open = rest.endsWith(')') ? openParenIndex(rest, close) : -1;
    fn = nameOrNull((open < 0 ? rest : rest.slice(0, open)).trimEnd());
    if (open < 0) break;
    const inner = rest.slice(open + 1, close);
    if (!inner.startsWith(PREFIX)) {
      if (inner === 'unknown source') break;
      const { file, line, column } = splitPosition(inner);
      return { function: fn, file, line, column };
    }
    rest = inner.slice(PREFIX.length);
  }
  return { function: fn, file: null, line: null, column: null };
}
