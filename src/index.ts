/** Public entry point of `otel-err`: capture, the ErrorInfo model and codec, fingerprints and formatters. */
export { captureErrorInfo } from './capture/captureErrorInfo.ts';
export { CAPTURE_DEFAULTS } from './capture/CaptureOptions.ts';
export type { CaptureOptions, SourceContextScope } from './capture/CaptureOptions.ts';
export {
  codecDefaults,
  ERRORINFO_TYPE,
  ERRORINFO_VERSION,
  fromDocument,
  fromJSON,
  fromJSONGzip,
  toDocument,
  toJSON,
  toJSONGzip,
} from './errorinfo/codec.ts';
export type { GzipReadOptions } from './errorinfo/codec.ts';
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
export type { ErrorInfoDocument } from './errorinfo/ErrorInfoDocument.ts';
export { ErrorInfoFormatError } from './errorinfo/ErrorInfoFormatError.ts';
export { Err } from './err/Err.ts';
export { ERR_DEFAULTS } from './err/ErrOptions.ts';
export type { ErrOptions } from './err/ErrOptions.ts';
export { err } from './err/instance.ts';
export type { Middleware, MiddlewareResult } from './err/Middleware.ts';
export { failFastAlways, failFastNever, failFastOn } from './failfast/policies.ts';
export type { ErrorClass, FailFastOnOptions } from './failfast/policies.ts';
export type {
  FailFastCheck,
  FailFastPolicy,
  FailFastPredicate,
} from './failfast/FailFastPolicy.ts';
export type { Cleanup, CleanupContext } from './failfast/runCleanups.ts';
export type { ErrorInfoFormatErrorOptions } from './errorinfo/ErrorInfoFormatError.ts';
export {
  fingerprint,
  fingerprintOfParts,
  FINGERPRINT_NAMESPACE,
} from './fingerprint/fingerprint.ts';
export { FINGERPRINT_DEFAULTS } from './fingerprint/FingerprintOptions.ts';
export type { FingerprintOptions, FingerprintPartsHook } from './fingerprint/FingerprintOptions.ts';
export { fingerprintParts, FINGERPRINT_SCHEME } from './fingerprint/fingerprintParts.ts';
export { format } from './format/format.ts';
export { defaultFormatOptions } from './format/FormatOptions.ts';
export type {
  FormatFunction,
  FormatName,
  FormatOptions,
  Formatter,
  ResolvedFormatOptions,
} from './format/FormatOptions.ts';
export { resolveColor } from './format/resolveColor.ts';
export { isInApp } from './stack/isInApp.ts';
export type { InAppRules } from './stack/isInApp.ts';
export { moduleName } from './stack/moduleName.ts';
export { parseStack } from './stack/parseStack.ts';
export type { ParseStackOptions } from './stack/parseStack.ts';
export { raiseStackTraceLimit } from './stack/raiseStackTraceLimit.ts';
export type { EvalOrigin, StackFrame } from './stack/StackFrame.ts';
