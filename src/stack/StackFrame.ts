/** Where an `eval`'d or `new Function` frame's code came from (the outermost real call site). */
export interface EvalOrigin {
  /** The function that called `eval`, when V8 names it. */
  function: string | null;
  /** The file that contains the outermost `eval` call (as printed; `file://` URLs kept). */
  file: string | null;
  /** 1-based line of the outermost `eval` call. */
  line: number | null;
  /** 1-based column of the outermost `eval` call. */
  column: number | null;
}

/**
 * One frame of a V8 stack, top of the stack first, as `parseStack` and the CallSite reader produce it.
 * Positions are 1-based as V8 prints them; `null` where V8 gives none.
 */
export interface StackFrame {
  /** Function name as V8 displays it, without the `async `/`new ` prefixes and the ` [as x]` suffix; `null` when anonymous. */
  function: string | null;
  /** The method alias V8 prints as ` [as alias]`, else `null`. */
  alias: string | null;
  /** File as printed: an absolute path, a `file://`/`node:`/other URL, or `null` for built-ins without a location. */
  file: string | null;
  /** 1-based line number, or `null`. */
  line: number | null;
  /** 1-based column number (0 is kept when V8 prints it), or `null`. */
  column: number | null;
  /** An `at async …` frame (zero-cost async stack trace). */
  async: boolean;
  /** A constructor call (`at new Foo`); not named `constructor`, which would shadow `Object.prototype.constructor`. */
  isConstructor: boolean;
  /** A built-in frame with no script location (`(native)`, `(<anonymous>)`, `Promise.all (index N)`). */
  native: boolean;
  /** Code run through `eval` or `new Function`; `file`/`line`/`column` point inside the evaluated code. */
  eval: boolean;
  /** The outermost call site of an `eval` frame, else `null`. */
  evalOrigin: EvalOrigin | null;
  /** The index printed by `Promise.all`/`any`/`allSettled (index N)`, else `null`. */
  promiseIndex: number | null;
}
