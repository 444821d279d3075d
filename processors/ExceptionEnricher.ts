import { diag } from '@opentelemetry/api';
import type { ErrorInfo, JsonValue, TraceContext } from '../src/errorinfo/ErrorInfo.ts';
import { exceptionAttributes, type ExceptionAttributes } from './attributes.ts';
import {
  defaultCapture,
  type CaptureFunction,
  type ProcessorCaptureOptions,
} from './defaultCapture.ts';
import { LruCache } from '../src/source/LruCache.ts';
import { OccurrenceTracker } from '../src/fingerprint/OccurrenceTracker.ts';
import { StormCache } from '../src/fingerprint/StormCache.ts';
import { stormKey } from '../src/fingerprint/stormKey.ts';
import { withCallSites, type CallSiteLookup } from '../src/stack/withCallSites.ts';
import { registerEnricher } from './enricherRegistry.ts';
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
  /**
   * Fingerprints whose occurrences are counted and whose last full report is kept for storm reuse (least
   * recently seen forgotten first; a report is ~5–20 KB). The default value is 1000.
   */
  maxFingerprints?: number;
  /**
   * Occurrences of one fingerprint captured in full per `stormWindowMs`; later ones reuse the last full report
   * (no source maps, context, locals or fingerprint work: ≈ 1–2 µs instead of ≈ 30–100 µs) and are only
   * counted. Only with the default capture and no `fingerprintParts` hook (a custom one may read what the
   * reuse key does not see). The default value is 10.
   */
  stormFullPerWindow?: number;
  /** The storm window in milliseconds. The default value is 60000. */
  stormWindowMs?: number;
}

/** The defaults of `ExceptionEnricherOptions`, in one place. */
export const ENRICHER_DEFAULTS = {
  maxAttributeLength: 4096,
  maxTotalLength: 16384,
  maxFingerprints: 1000,
  stormFullPerWindow: 10,
  stormWindowMs: 60_000,
} as const;

/** One captured exception and the ordinal of its occurrence. */
export interface EnrichedException {
  /** The report, with `trace` filled from the span or log record. */
  readonly info: ErrorInfo;
  /** 1 for the first occurrence of the fingerprint in this process. */
  readonly occurrence: number;
  /** False when a storm reused the last full report of the fingerprint instead of capturing this one. */
  readonly full: boolean;
}

interface Storms {
  keys: StormCache;
  templates: LruCache<string, ErrorInfo>;
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
  private readonly _occurrences: OccurrenceTracker;
  private readonly _storms: Storms | null;
  private readonly _limits: { maxAttributeLength: number; maxTotalLength: number };
  private _handoff: EnrichedException | undefined;
  private _failures = 0;

  /** A capture with the given options (see `ENRICHER_DEFAULTS`). */
  constructor(options: ExceptionEnricherOptions = {}) {
    this._capture = options.capture ?? defaultCapture(options);
    if (options.onErrorInfo) this._listeners.add(options.onErrorInfo);
    this._occurrences = new OccurrenceTracker({
      maxFingerprints: positive(options, 'maxFingerprints'),
      fullPerWindow: positive(options, 'stormFullPerWindow'),
      windowMs: positive(options, 'stormWindowMs'),
    });
    this._storms =
      options.capture === undefined && options.fingerprintParts === undefined
        ? {
            keys: new StormCache({ maxKeys: positive(options, 'maxFingerprints') }),
            templates: new LruCache({ maxEntries: positive(options, 'maxFingerprints') }),
          }
        : null;
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
      // Reading the storm key formats `.stack`: record the CallSites meanwhile, for the capture.
      const { key, callSites } =
        this._storms === null
          ? { key: null, callSites: undefined }
          : withCallSites(lookup => ({ key: stormKey(error), callSites: lookup }));
      enriched =
        this._reuse(key, trace) ?? this._captureFully(error, key, callSites, trace, resource);
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

  /** What this enricher already made of `error` in `trace`, if it saw it there. */
  lookup(error: unknown, trace: TraceContext | null): EnrichedException | undefined {
    if (typeof error !== 'object' || error === null || trace === null) return undefined;
    const seen = this._seen.get(error);
    return seen?.traceId === trace.traceId ? seen.enriched : undefined;
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

  private _captureFully(
    error: unknown,
    key: string | null,
    callSites: CallSiteLookup | undefined,
    trace: TraceContext | null,
    resource: (() => Record<string, JsonValue>) | undefined,
  ): EnrichedException {
    const context = { resource: resource?.() ?? {}, callSites };
    const captured = this._capture(error, context);
    const info: ErrorInfo = {
      ...captured,
      trace: trace ?? captured.trace,
      resource: Object.keys(captured.resource).length > 0 ? captured.resource : context.resource,
    };
    const fingerprint = info.fingerprint;
    if (fingerprint === null) return { info, occurrence: 1, full: true };
    if (key !== null && this._storms !== null) {
      this._storms.keys.set(key, fingerprint);
      // Reused occurrences get no locals (they were this occurrence's values) and share one frames array.
      const frames = info.frames.map(frame =>
        frame.locals === null ? frame : { ...frame, locals: null },
      );
      this._storms.templates.set(fingerprint, { ...info, frames });
    }
    return {
      info,
      occurrence: this._occurrences.record(fingerprint, info.timestamp).count,
      full: true,
    };
  }

  // During a storm: count the occurrence and reuse the last full report of the errors with this storm key.
  // `undefined` when this occurrence is to be captured in full.
  private _reuse(key: string | null, trace: TraceContext | null): EnrichedException | undefined {
    if (this._storms === null || key === null) return undefined;
    const fingerprint = this._storms.keys.get(key);
    const template =
      fingerprint === undefined ? undefined : this._storms.templates.get(fingerprint);
    if (fingerprint === undefined || template === undefined) return undefined;
    const now = new Date();
    const occurrence = this._occurrences.peekFull(fingerprint, now)
      ? undefined
      : this._occurrences.record(fingerprint, now);
    if (occurrence === undefined) return undefined;
    const info: ErrorInfo = {
      ...template,
      timestamp: now,
      firstSeen: now,
      lastSeen: now,
      count: 1,
      trace,
    };
    return { info, occurrence: occurrence.count, full: false };
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
