import { diag } from '@opentelemetry/api';
import type { ErrorInfo, JsonValue, TraceContext } from '../src/errorinfo/ErrorInfo.ts';
import { exceptionAttributes, type ExceptionAttributes } from './attributes.ts';
import {
  defaultCapture,
  type CaptureFunction,
  type ProcessorCaptureOptions,
} from './defaultCapture.ts';
import { registerEnricher } from './enricherRegistry.ts';
import { OccurrenceCounter } from './OccurrenceCounter.ts';
import type { RecordLimits } from './sdkInternals.ts';

/** Receives each new ErrorInfo, synchronously; a throwing listener is reported through `diag`, never rethrown. */
export type ErrorInfoListener = (info: ErrorInfo) => void;

/**
 * Options of the capture shared by the span and log record processors: those of `captureErrorInfo`
 * (`name`, `version`, `rootDir`, `contextLines`, fingerprint hooks, …) plus the ones below.
 */
export interface ExceptionEnricherOptions extends ProcessorCaptureOptions {
  /** The capture. The default is `captureErrorInfo` with these options (which a custom one ignores). */
  capture?: CaptureFunction;
  /** Called once per new ErrorInfo (middleware, file and Sentry exporters hang here). The default is none. */
  onErrorInfo?: ErrorInfoListener;
  /** Longest value of one JSON attribute of ours (frames, chain, source, locals). The default value is 4096. */
  maxAttributeLength?: number;
  /** Total length of our JSON attributes on one event or record. The default value is 16384. */
  maxTotalLength?: number;
  /** Fingerprints whose occurrences are counted (least recently seen forgotten first). The default value is 1000. */
  maxFingerprints?: number;
}

/** The defaults of `ExceptionEnricherOptions`, in one place. */
export const ENRICHER_DEFAULTS = {
  maxAttributeLength: 4096,
  maxTotalLength: 16384,
  maxFingerprints: 1000,
} as const;

/** One captured exception and the ordinal of its occurrence. */
export interface EnrichedException {
  /** The report, with `trace` filled from the span or log record. */
  readonly info: ErrorInfo;
  /** 1 for the first occurrence of the fingerprint in this process. */
  readonly occurrence: number;
}

interface Seen {
  traceId: string;
  enriched: EnrichedException;
}

/**
 * The capture shared by `ExceptionSpanProcessor` and `ExceptionLogRecordProcessor`: one exception
 * gives one ErrorInfo even when it is recorded on several spans of a trace and as a log record.
 * Errors are keyed weakly (by object and trace id); nothing here keeps an error or a span alive.
 */
export class ExceptionEnricher {
  private readonly _capture: CaptureFunction;
  private readonly _listeners = new Set<ErrorInfoListener>();
  private readonly _seen = new WeakMap<object, Seen>();
  private readonly _occurrences: OccurrenceCounter;
  private readonly _limits: { maxAttributeLength: number; maxTotalLength: number };
  private _handoff: EnrichedException | undefined;
  private _failures = 0;

  /** A capture with the given options (see `ENRICHER_DEFAULTS`). */
  constructor(options: ExceptionEnricherOptions = {}) {
    this._capture = options.capture ?? defaultCapture(options);
    if (options.onErrorInfo) this._listeners.add(options.onErrorInfo);
    this._occurrences = new OccurrenceCounter(positive(options, 'maxFingerprints'));
    this._limits = {
      maxAttributeLength: positive(options, 'maxAttributeLength'),
      maxTotalLength: positive(options, 'maxTotalLength'),
    };
    registerEnricher(this);
  }

  /** Adds a listener of new ErrorInfos; returns the function that removes it. */
  addListener(listener: ErrorInfoListener): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /**
   * Captures `error` seen in `trace`: the same error object seen again in the same trace is the same
   * occurrence (no second capture, no second ErrorInfo). `null` when the capture threw.
   */
  capture(
    error: unknown,
    trace: TraceContext | null,
    resource?: () => Record<string, JsonValue>,
  ): EnrichedException | null {
    const key = typeof error === 'object' && error !== null ? error : null;
    const seen = key === null || trace === null ? undefined : this._seen.get(key);
    if (seen !== undefined && seen.traceId === trace?.traceId) return seen.enriched;
    let enriched: EnrichedException;
    try {
      const context = { resource: resource?.() ?? {} };
      const captured = this._capture(error, context);
      const info: ErrorInfo = {
        ...captured,
        trace: trace ?? captured.trace,
        resource: Object.keys(captured.resource).length > 0 ? captured.resource : context.resource,
      };
      enriched = { info, occurrence: this._occurrences.next(info.fingerprint) };
    } catch (failure) {
      this._failures++;
      const log = this._failures === 1 ? diag.warn : diag.debug;
      log(`ExceptionEnricher: capture failed (${this._failures} so far)`, failure);
      return null;
    }
    if (key !== null && trace !== null) this._seen.set(key, { traceId: trace.traceId, enriched });
    this._notify(enriched.info);
    return enriched;
  }

  /** The attributes of `enriched` under the SDK limits of one event or record. */
  attributes(enriched: EnrichedException, limits: RecordLimits): ExceptionAttributes {
    return exceptionAttributes(enriched.info, enriched.occurrence, {
      valueLength: limits.valueLength,
      ...this._limits,
    });
  }

  /** Runs `emit` with `enriched` handed to the log record processor that `emit` reaches synchronously. */
  emitWith(enriched: EnrichedException, emit: () => void): void {
    const previous = this._handoff;
    this._handoff = enriched;
    try {
      emit();
    } finally {
      this._handoff = previous;
    }
  }

  /** Takes what `emitWith` handed over (once), if anything. */
  takeHandoff(): EnrichedException | undefined {
    const handoff = this._handoff;
    this._handoff = undefined;
    return handoff;
  }

  private _notify(info: ErrorInfo): void {
    for (const listener of this._listeners) {
      try {
        listener(info);
      } catch (failure) {
        diag.warn('ExceptionEnricher: an ErrorInfo listener threw', failure);
      }
    }
  }
}

/** The option when it is a positive number, else its default (with a warning when it was given). */
function positive(options: ExceptionEnricherOptions, key: keyof typeof ENRICHER_DEFAULTS): number {
  const value = options[key];
  if (value === undefined) return ENRICHER_DEFAULTS[key];
  if (typeof value === 'number' && value > 0) return value;
  diag.warn(
    `ExceptionEnricher: invalid option \`${key}: ${String(value)}\`, using ${ENRICHER_DEFAULTS[key]}`,
  );
  return ENRICHER_DEFAULTS[key];
}
