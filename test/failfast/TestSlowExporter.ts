import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

type ExportCallback = Parameters<SpanExporter['export']>[1];

/** `ExportResultCode` of `@opentelemetry/core` (not a dependency of ours). */
const SUCCESS = 0;
const FAILED = 1;

/**
 * A span exporter whose `failingCall`-th export fails at once while the others succeed after `delayMs`, as
 * an OTLP exporter refusing a request over its concurrency limit does; `forceFlush` waits for the exports in
 * flight.
 */
export class TestSlowExporter implements SpanExporter {
  /** Every span delivered (the failed export's are not). */
  readonly delivered: ReadableSpan[] = [];
  /** How many times `export` was called. */
  calls = 0;
  /** Whether `forceFlush` was called. */
  flushed = false;
  private readonly _delayMs: number;
  private readonly _failingCall: number;
  private readonly _inFlight = new Set<Promise<void>>();

  /** Exports that succeed take `delayMs`; call number `failingCall` (1-based) fails. */
  constructor(delayMs: number, failingCall: number) {
    this._delayMs = delayMs;
    this._failingCall = failingCall;
  }

  /** Fails the chosen call at once; delivers the others after the delay. */
  export(spans: ReadableSpan[], done: ExportCallback): void {
    this.calls++;
    if (this.calls === this._failingCall) {
      done({ code: FAILED, error: new Error('Concurrent export limit reached') });
      return;
    }
    const sending = new Promise<void>(resolve => setTimeout(resolve, this._delayMs)).then(() => {
      this.delivered.push(...spans);
      done({ code: SUCCESS });
    });
    this._inFlight.add(sending);
    void sending.finally(() => this._inFlight.delete(sending));
  }

  /** Waits for the exports in flight. */
  async forceFlush(): Promise<void> {
    this.flushed = true;
    await Promise.all([...this._inFlight]);
  }

  /** Like the OTLP exporters: waits for the exports in flight. */
  shutdown(): Promise<void> {
    return this.forceFlush();
  }
}
