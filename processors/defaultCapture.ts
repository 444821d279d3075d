import type { ErrorInfo, JsonValue } from '../src/errorinfo/ErrorInfo.ts';
import { captureErrorInfo } from '../src/capture/captureErrorInfo.ts';
import type { CaptureOptions } from '../src/capture/CaptureOptions.ts';
import type { CallSiteLookup } from '../src/stack/withCallSites.ts';

/** The capture options a processor takes: those of `captureErrorInfo` that hold for every exception. */
export type ProcessorCaptureOptions = Omit<
  CaptureOptions,
  'timestamp' | 'fingerprint' | 'resource' | 'callSites'
>;

/** What a capture may use besides the thrown value. */
export interface CaptureContext {
  /** Attributes of the resource of the span or log record (`{}` when unknown). */
  resource: Record<string, JsonValue>;
  /** CallSites recorded while the caller read `.stack` before the capture (the storm key does). */
  callSites?: CallSiteLookup;
}

/** Turns a thrown value into an ErrorInfo (frames, cause chain, fingerprint; `trace` left `null`). */
export type CaptureFunction = (error: unknown, context: CaptureContext) => ErrorInfo;

// The SDK names a service nobody named `unknown_service:<executable>`: that is no name.
const PLACEHOLDER_NAME = /^unknown_service(?::|$)/;

/**
 * `captureErrorInfo` with `options`; the service name and version default to the resource's
 * `service.name` / `service.version` (the fingerprint hashes the name), then to package.json.
 */
export function defaultCapture(options: ProcessorCaptureOptions): CaptureFunction {
  return (error, { resource, callSites }) => {
    const name = resource['service.name'];
    const version = resource['service.version'];
    return captureErrorInfo(error, {
      ...options,
      name:
        options.name ??
        (typeof name === 'string' && !PLACEHOLDER_NAME.test(name) ? name : undefined),
      version: options.version ?? (typeof version === 'string' ? version : undefined),
      resource,
      callSites,
    });
  };
}
