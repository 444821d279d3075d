import path from 'node:path';
import { diag } from '@opentelemetry/api';
import type { ErrorInfo, Frame } from '../errorinfo/ErrorInfo.ts';
import { fingerprint, fingerprintOfParts } from '../fingerprint/fingerprint.ts';
import { activeLocalsCollector, mergeLocals } from '../locals/index.ts';
import { parseStack } from '../stack/parseStack.ts';
import { withCallSites, type CallSiteLookup } from '../stack/withCallSites.ts';
import { buildExceptionChain, type FrameReader } from './buildExceptionChain.ts';
import { CAPTURE_DEFAULTS, type CaptureOptions } from './CaptureOptions.ts';
import type { ExceptionFields } from './normalizeThrown.ts';
import { runtimeInfo } from './runtimeInfo.ts';
import { defaultServiceIdentity } from './serviceIdentity.ts';
import { toFrames, type FrameSettings } from './toFrames.ts';

function frameSettings(options: CaptureOptions): FrameSettings {
  const mainDir = process.argv[1] ? path.dirname(process.argv[1]) : process.cwd();
  return {
    inApp: { rootDir: options.rootDir, include: options.include, exclude: options.exclude },
    baseDir: options.baseDir ?? options.rootDir ?? mainDir,
    contextLines: options.contextLines ?? CAPTURE_DEFAULTS.contextLines,
    sourceContext: options.sourceContext ?? CAPTURE_DEFAULTS.sourceContext,
    maxFrames: frameLimit(options.maxFrames),
  };
}

function frameLimit(given: number | undefined): number {
  if (given === undefined || (Number.isInteger(given) && given >= 0)) {
    return given ?? CAPTURE_DEFAULTS.maxFrames;
  }
  diag.warn(
    `captureErrorInfo: invalid maxFrames ${String(given)}, using ${CAPTURE_DEFAULTS.maxFrames}`,
  );
  return CAPTURE_DEFAULTS.maxFrames;
}

function frameReader(
  lookup: CallSiteLookup,
  recordedBefore: CallSiteLookup | undefined,
  settings: FrameSettings,
): FrameReader {
  return (error: object | null, exception: ExceptionFields): Frame[] => {
    const live =
      error === null
        ? null
        : (lookup(error, settings.maxFrames) ??
          recordedBefore?.(error, settings.maxFrames) ??
          null);
    const raw =
      live ??
      (exception.stack === null ? [] : parseStack(exception.stack, { message: exception.message }));
    return toFrames(raw, settings);
  };
}

// Reports are stored as `<fingerprint>.json` and the codec only takes a lowercase UUID: any other
// text is hashed, so a given fingerprint can never name a path or fail the codec.
const UUID = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

function fingerprintOf(info: ErrorInfo, options: CaptureOptions): string {
  const given = options.fingerprint;
  if (typeof given === 'string') {
    return UUID.test(given) ? given.toLowerCase() : fingerprintOfParts([given]);
  }
  if (given !== undefined) return fingerprintOfParts(given);
  return fingerprint(info, options);
}

/**
 * Captures any thrown value as an `ErrorInfo`: frames from V8 CallSites (or the stack text), moved through
 * source maps, with module names, in-app flags and source context; the `cause`/`errors` chain; the service,
 * runtime, fingerprint, and the locals a running collector captured for the thrown value. Nothing is recorded or sent. Never throws: on an internal failure it returns
 * the type and message alone and reports through `diag`.
 */
export function captureErrorInfo(thrown: unknown, options: CaptureOptions = {}): ErrorInfo {
  const now = options.timestamp ?? new Date();
  const service = { ...defaultServiceIdentity(), ...definedOnly(options.name, options.version) };
  const settings = frameSettings(options);
  const chain = withCallSites(lookup =>
    buildExceptionChain(thrown, frameReader(lookup, options.callSites, settings), {
      maxDepth: options.maxCauseDepth ?? CAPTURE_DEFAULTS.maxCauseDepth,
    }),
  );
  const info: ErrorInfo = {
    fingerprint: null,
    name: service.name,
    version: service.version,
    timestamp: now,
    count: 1,
    firstSeen: now,
    lastSeen: now,
    exception: chain.exception,
    frames: withLocals(chain.frames, thrown, options),
    rootModule: options.rootModule ?? options.rootDir ?? null,
    trace: null,
    resource: options.resource ?? {},
    runtime: runtimeInfo(),
    extra: {},
  };
  try {
    info.fingerprint = fingerprintOf(info, options);
  } catch (error) {
    diag.warn(
      `captureErrorInfo: the fingerprint hook threw; using the default parts: ${String(error)}`,
    );
    info.fingerprint = fingerprint(info, { ...options, fingerprintParts: undefined });
  }
  return info;
}

function withLocals(frames: Frame[], thrown: unknown, options: CaptureOptions): Frame[] {
  const collector = options.locals === undefined ? activeLocalsCollector() : options.locals;
  const captured = collector?.take(thrown);
  return captured === undefined ? frames : mergeLocals(frames, captured);
}

function definedOnly(
  name: string | undefined,
  version: string | undefined,
): Partial<Record<'name' | 'version', string>> {
  return { ...(name === undefined ? {} : { name }), ...(version === undefined ? {} : { version }) };
}
