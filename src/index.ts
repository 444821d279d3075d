/** Public entry point of `otel-err`. */
export type {
  ChainedException,
  ErrorInfo,
  ExceptionInfo,
  Frame,
  GeneratedPosition,
  JsonValue,
  RuntimeInfo,
  SourceContext,
  ThrownKind,
  TraceContext,
} from './errorinfo/ErrorInfo.ts';
export type { EvalOrigin, StackFrame } from './stack/StackFrame.ts';
