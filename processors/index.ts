/** Public entry point of `otel-err/processors`. */
export { ExceptionSpanProcessor } from './ExceptionSpanProcessor.ts';
export type { ExceptionSpanProcessorOptions } from './ExceptionSpanProcessor.ts';
export { ExceptionLogRecordProcessor } from './ExceptionLogRecordProcessor.ts';
export type { ExceptionLogRecordProcessorOptions } from './ExceptionLogRecordProcessor.ts';
export { ENRICHER_DEFAULTS, ExceptionEnricher } from './ExceptionEnricher.ts';
export type {
  EnrichedException,
  ErrorInfoListener,
  ExceptionEnricherOptions,
} from './ExceptionEnricher.ts';
export type { CaptureContext, CaptureFunction, ProcessorCaptureOptions } from './defaultCapture.ts';
export { emitExceptionLog } from './emitExceptionLog.ts';
export type { ExceptionLogOptions } from './emitExceptionLog.ts';
export { EXCEPTION_SIGNAL_ENV, exceptionSignalFromEnv } from './exceptionSignal.ts';
export type { ExceptionSignal } from './exceptionSignal.ts';
export { exceptionAttributes } from './attributes.ts';
export type { AttributeLimits, ExceptionAttributes } from './attributes.ts';
export {
  CHAIN,
  CODE_COLUMN_NUMBER,
  CODE_FILE_PATH,
  CODE_FUNCTION_NAME,
  CODE_LINE_NUMBER,
  DROPPED_EXCEPTIONS,
  DROPPED_FINGERPRINTS,
  EXCEPTION_CODE,
  EXCEPTION_ERRNO,
  EXCEPTION_EVENT,
  EXCEPTION_KIND,
  EXCEPTION_MESSAGE,
  EXCEPTION_PATH,
  EXCEPTION_STACKTRACE,
  EXCEPTION_SYSCALL,
  EXCEPTION_TYPE,
  FINGERPRINT,
  FRAMES,
  LOCALS,
  NAMESPACE,
  OCCURRENCE,
  SOURCE,
  TRUNCATED,
} from './semconv.ts';
