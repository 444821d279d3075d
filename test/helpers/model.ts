// Builders of model objects for tests: every field at its "unknown" default, then overridden.
import type { ChainedException, ExceptionInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import type { StackFrame } from '../../src/stack/StackFrame.ts';

/** A parsed frame with no name, location or flag, overridden by `fields`. */
export function stackFrame(fields: Partial<StackFrame> = {}): StackFrame {
  return {
    function: null,
    alias: null,
    file: null,
    line: null,
    column: null,
    async: false,
    isConstructor: false,
    native: false,
    eval: false,
    evalOrigin: null,
    promiseIndex: null,
    ...fields,
  };
}

/** A report frame: `stackFrame` plus no module, not in-app, no source and no locals, overridden by `fields`. */
export function frame(fields: Partial<Frame> = {}): Frame {
  return {
    ...stackFrame(),
    module: null,
    inApp: false,
    generated: null,
    source: null,
    locals: null,
    ...fields,
  };
}

/** An Error-kind exception with no message, code, cause or members, overridden by `fields`. */
export function exception(fields: Partial<ExceptionInfo> = {}): ExceptionInfo {
  return {
    type: 'Error',
    message: '',
    kind: 'error',
    code: null,
    errno: null,
    syscall: null,
    path: null,
    stack: null,
    cause: null,
    errors: [],
    truncated: false,
    ...fields,
  };
}

/** A chained exception (cause or aggregate member) with no frames, overridden by `fields`. */
export function chained(fields: Partial<ChainedException> = {}): ChainedException {
  return { ...exception(), frames: [], ...fields };
}
