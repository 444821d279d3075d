import type { StackFrame } from './StackFrame.ts';

/** A frame read from a live V8 CallSite: a `StackFrame` plus where its function starts. */
export type LiveFrame = StackFrame & {
  /**
   * 1-based line where the enclosing function starts (source map resolvers use it to find the original name), or
   * `null`: unknown, or a frame no source map can cover (`node:` built-ins, eval code, native frames).
   */
  enclosingLine: number | null;
  /** 1-based column where the enclosing function starts, or `null`. */
  enclosingColumn: number | null;
};
