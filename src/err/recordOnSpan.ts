import {
  diag,
  SpanStatusCode,
  trace,
  type Exception,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

/**
 * Records `error` as an exception event on the active span when it is recording, else on a new span of
 * `tracer` (ended at once, so it is exported). With `endActive` (a crash: nothing would end it before the
 * process exits) the active span is marked as an error and ended too. Never throws: the SDK's own
 * `recordException` throws for a Symbol (its warning stringifies the value), which is logged here.
 */
export function recordOnSpan(
  tracer: Tracer,
  error: unknown,
  spanName: string,
  endActive: boolean,
): Span {
  const active = trace.getActiveSpan();
  const span = active?.isRecording() ? active : tracer.startSpan(spanName);
  try {
    span.recordException(error as Exception);
  } catch (failure) {
    diag.debug(`Err: the span did not take the exception: ${String(failure)}`);
  } finally {
    if (span !== active || endActive) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  }
  return span;
}

/** Ends `span` as an error if it is still open (a crash leaves it so: nothing else would end it before the exit). */
export function endSpanAsError(span: Span | null): void {
  try {
    if (span === null || !span.isRecording()) return;
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  } catch (failure) {
    diag.debug(`Err: could not end the span of a crash: ${String(failure)}`);
  }
}
