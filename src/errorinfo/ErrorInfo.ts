import type { StackFrame } from '../stack/StackFrame.ts';

/** Any JSON value: what locals, attributes and extra fields may hold. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Source lines around a frame's current line. */
export interface SourceContext {
  /** 1-based number of `lines[0]`. */
  firstLine: number;
  /** 1-based number of the frame's own line (inside `firstLine … firstLine + lines.length - 1`). */
  currentLine: number;
  /** The lines themselves, without line terminators; long lines are clipped. */
  lines: string[];
}

/** The generated (compiled JavaScript) position of a frame that a source map moved. */
export interface GeneratedPosition {
  /** File as V8 reported it. */
  file: string | null;
  /** 1-based line in the generated file. */
  line: number | null;
  /** 1-based column in the generated file. */
  column: number | null;
  /** Function name as V8 reported it. */
  function: string | null;
}

/** A captured frame: a `StackFrame` resolved through source maps and enriched with module, app flag, source and locals. */
export interface Frame extends StackFrame {
  /** Module name derived from the path (`pkg.sub:file` for `node_modules`, `node:fs` for built-ins), or `null`. */
  module: string | null;
  /** Whether the frame is application code (not `node_modules`, not `node:` internals, not native). */
  inApp: boolean;
  /** Position before source mapping, when a source map moved this frame; else `null`. */
  generated: GeneratedPosition | null;
  /** Source lines around the frame, or `null` when unreadable. */
  source: SourceContext | null;
  /** Local variables by name (redacted, bounded), or `null` when not captured for this frame. */
  locals: Record<string, JsonValue> | null;
}

/** What kind of value was thrown: `'error'` for Error-like objects, else the `typeof` (with `'null'`). */
export type ThrownKind =
  | 'error'
  | 'object'
  | 'string'
  | 'number'
  | 'bigint'
  | 'boolean'
  | 'symbol'
  | 'undefined'
  | 'null'
  | 'function';

/** One exception of a chain: the thrown value, normalised. */
export interface ExceptionInfo {
  /** The error's type: its `name` (or constructor name); for non-errors a label such as `'string'`. */
  type: string;
  /** The message (for non-errors, a safe rendering of the value). */
  message: string;
  /** What was thrown. */
  kind: ThrownKind;
  /** `error.code` (e.g. `'ENOENT'`), or `null`. */
  code: string | number | null;
  /** `error.errno`, or `null`. */
  errno: number | null;
  /** `error.syscall`, or `null`. */
  syscall: string | null;
  /** `error.path`, or `null`. */
  path: string | null;
  /** The raw `stack` text as V8 (or the user's `prepareStackTrace`) formatted it, or `null`. */
  stack: string | null;
  /** `error.cause`, normalised, or `null`. */
  cause: ChainedException | null;
  /** `AggregateError.errors`, normalised (empty for other errors). */
  errors: ChainedException[];
  /** True when the chain below this exception was cut (depth cap or a cycle). */
  truncated: boolean;
}

/** An exception inside a chain (a `cause` or an `AggregateError` member): it carries its own frames. */
export interface ChainedException extends ExceptionInfo {
  /** Frames of this exception, top of the stack first. */
  frames: Frame[];
}

/** The process that produced the report. */
export interface RuntimeInfo {
  /** `process.version`, e.g. `'v24.21.0'`. */
  node: string;
  /** Process id. */
  pid: number;
  /** `os.hostname()`. */
  hostname: string;
  /** `process.platform`. */
  platform: string;
  /** `process.arch`. */
  arch: string;
}

/** The trace context the exception happened in. */
export interface TraceContext {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
}

/** The full report of one exception (and, on disk, of every occurrence of its fingerprint). */
export interface ErrorInfo {
  /** Deterministic UUIDv5 of the bug, or `null` until fingerprinted. */
  fingerprint: string | null;
  /** Service name. */
  name: string;
  /** Service version. */
  version: string;
  /** When this (latest) occurrence happened. */
  timestamp: Date;
  /** How many occurrences the report stands for (1 for a fresh capture). */
  count: number;
  /** First occurrence. */
  firstSeen: Date;
  /** Latest occurrence. */
  lastSeen: Date;
  /** The exception (its cause chain inside). */
  exception: ExceptionInfo;
  /** Frames of the exception, top of the stack first. */
  frames: Frame[];
  /** Module prefix or path that marks application code, when configured. */
  rootModule: string | null;
  /** Trace and span ids, when captured inside a span. */
  trace: TraceContext | null;
  /** OpenTelemetry resource attributes of the service. */
  resource: Record<string, JsonValue>;
  /** The process that threw. */
  runtime: RuntimeInfo | null;
  /** Further fields, kept through a round trip. */
  extra: Record<string, JsonValue>;
}
