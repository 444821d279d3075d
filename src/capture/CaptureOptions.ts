import type { JsonValue } from '../errorinfo/ErrorInfo.ts';
import type { FingerprintOptions } from '../fingerprint/FingerprintOptions.ts';
import type { LocalsCollector } from '../locals/common.ts';
import type { InAppRules } from '../stack/isInApp.ts';
import type { CallSiteLookup } from '../stack/withCallSites.ts';

/** Which frames get source lines around them. */
export type SourceContextScope = 'app' | 'all' | 'none';

/** Options of `captureErrorInfo`. Every field is optional; the defaults are in `CAPTURE_DEFAULTS`. */
export interface CaptureOptions extends InAppRules, FingerprintOptions {
  /** Service name. Default: the `name` of the nearest `package.json` above the main script, else `'unknown'`. */
  name?: string;
  /** Service version. Default: the `version` of that `package.json`, else `'unknown'`. */
  version?: string;
  /** Source lines kept before and after each frame's line. The default value is 7. */
  contextLines?: number;
  /**
   * Frames that get source context: `'app'` (in-app frames and the frame that threw), `'all'`, or `'none'`.
   * Each file is read once into a bounded cache; `'all'` also reads library files. The default value is `'app'`.
   */
  sourceContext?: SourceContextScope;
  /** Frames kept per exception, top of the stack first. The default value is 128. */
  maxFrames?: number;
  /** Links of the `cause`/`errors` chain followed below the thrown value. The default value is 8. */
  maxCauseDepth?: number;
  /** Base directory of module names (`sub.dir:file`). Default: `rootDir`, else the main script's directory, else the working directory. */
  baseDir?: string;
  /** Marks application code in reports (`ErrorInfo.rootModule`); display only. Default: `rootDir` or `null`. */
  rootModule?: string;
  /** The fingerprint to use instead of computing one (one string, or parts that are hashed). Default: computed. */
  fingerprint?: string | readonly string[];
  /** When the exception happened. Default: now. */
  timestamp?: Date;
  /**
   * Where the locals of the thrown value's frames come from (they are taken: a second capture of the same
   * value gets none), or `null` for none. Default: the collector `err.setup` (or `startLocalsCollector`) runs.
   */
  locals?: Pick<LocalsCollector, 'take'> | null;
  /**
   * CallSites a caller recorded (with `withCallSites`) while it read `.stack` before this capture, so the
   * capture still gets structured frames rather than the formatted text. Default: none.
   */
  callSites?: CallSiteLookup;
  /** OpenTelemetry resource attributes to keep in the report. Default: `{}`. */
  resource?: Record<string, JsonValue>;
}

/** The default capture options, in one visible place. */
export const CAPTURE_DEFAULTS = {
  contextLines: 7,
  sourceContext: 'app',
  maxFrames: 128,
  maxCauseDepth: 8,
} as const satisfies Partial<CaptureOptions>;
