import { diag } from '@opentelemetry/api';
import type { JsonValue } from '../errorinfo/ErrorInfo.ts';
import type { InAppRules } from '../stack/isInApp.ts';
import type { RedactOptions } from './redact.ts';

/**
 * When locals are read. Costs measured on Node 24.21 (2-core VM; `bench/locals/`, notes in
 * `/tmp/otel-err-notes/locals.md`):
 * - `'off'`: nothing is installed; zero cost.
 * - `'uncaught'` (default): pause only on exceptions V8 predicts are uncaught and on rejections
 *   with no handler; caught exceptions never pause. While the Debugger domain is enabled V8 still
 *   runs a catch prediction (a stack walk) on every throw: ≈ +2 µs per caught throw (B3: 1.7× on
 *   a bare throw-catch loop, 1.4× with a little JSON work around it), and it disables the
 *   compilation cache, so `eval`/`new Function`/`vm` compiles cost ≈ +20 µs each. Starting costs
 *   15–60 ms once (the debugger announces every loaded script). Not covered: a throw awaited by
 *   ESM top-level code (`await main()` in the entry module), which V8 counts as caught by the
 *   module loader, and code run during ESM module evaluation.
 * - `'all'`: also pause on caught exceptions, blocking the thread for the pause (≈ 0.2–0.4 ms,
 *   ≈ +16 µs per stack frame) plus the read (≈ 0.1–0.2 ms for 5 frames): B3'. Rate limited
 *   (`maxPerSecond`, then a doubling back-off during which only uncaught exceptions pause).
 *   Exceptions thrown and caught inside `node_modules` never pause (blackboxed); one thrown by a
 *   package and caught by the app pauses, and so does one thrown inside a `node:` built-in (V8
 *   cannot blackbox Node's own scripts): the app frames above are read, and the pause counts in
 *   the budget.
 */
export type LocalsMode = 'off' | 'uncaught' | 'all';

/** Options of `startLocalsCollector`. Every limit bounds the work done while the thread is paused. */
export interface LocalsOptions {
  /** See `LocalsMode`. Default `'uncaught'`. */
  mode?: LocalsMode;
  /** In-app frames, from the top of the stack, whose locals are read; the throwing frame is always read. Default 5. */
  maxFrames?: number;
  /** Mode `'all'`: caught-exception pauses allowed per second before pausing on caught exceptions stops. Default 50. */
  maxPerSecond?: number;
  /** Mode `'all'`: first back-off after the budget is spent; doubles when spent again soon after. Default 5000 ms. */
  backoffMs?: number;
  /** Mode `'all'`: longest back-off. Default 3_600_000 ms (1 h). */
  maxBackoffMs?: number;
  /** Variables rendered per scope of a frame. Default 50. */
  maxVariables?: number;
  /** Nesting levels rendered below a variable (a variable's own properties are level 2). Default 3. */
  maxDepth?: number;
  /** Properties rendered per object (and entries per Map). Default 20. */
  maxProperties?: number;
  /** Items rendered per array, Set or typed array. Default 20. */
  maxArrayItems?: number;
  /** Characters kept per string. Default 256. */
  maxStringLength?: number;
  /** Approximate JSON bytes of all locals of one exception; the rest is dropped and flagged. Default 16_384. */
  maxBytes?: number;
  /** Redaction by name (and credential-shaped values): `true`, `false` or patterns. Default `true`. */
  redact?: boolean | RedactOptions;
  /** Captures waiting for `take()`; the oldest is dropped beyond this. Default 100. */
  maxPending?: number;
  /** A capture not taken within this time is dropped. Default 60_000 ms. */
  pendingTtlMs?: number;
  /** Which files are application code (as `captureErrorInfo` decides). Default `{}`: not `node:`, not `node_modules`. */
  inApp?: InAppRules;
}

/** Every option with its default. */
export const DEFAULT_LOCALS_OPTIONS: Readonly<Required<LocalsOptions>> = Object.freeze({
  mode: 'uncaught',
  maxFrames: 5,
  maxPerSecond: 50,
  backoffMs: 5000,
  maxBackoffMs: 3_600_000,
  maxVariables: 50,
  maxDepth: 3,
  maxProperties: 20,
  maxArrayItems: 20,
  maxStringLength: 256,
  maxBytes: 16_384,
  redact: true,
  maxPending: 100,
  pendingTtlMs: 60_000,
  inApp: {},
});

/** Options after defaults and clamping. */
export type ResolvedLocalsOptions = Readonly<Required<LocalsOptions>>;

const LIMITS: readonly (readonly [keyof LocalsOptions, number, number])[] = [
  ['maxFrames', 1, 50],
  ['maxPerSecond', 1, 100_000],
  ['backoffMs', 10, 86_400_000],
  ['maxBackoffMs', 10, 86_400_000],
  ['maxVariables', 1, 1000],
  ['maxDepth', 1, 10],
  ['maxProperties', 1, 1000],
  ['maxArrayItems', 1, 1000],
  ['maxStringLength', 16, 1_000_000],
  ['maxBytes', 256, 10_000_000],
  ['maxPending', 1, 100_000],
  ['pendingTtlMs', 100, 86_400_000],
];

/** Applies defaults; clamps out-of-range numbers and replaces an unknown mode with a `diag` warning. */
export function resolveLocalsOptions(options: LocalsOptions = {}): ResolvedLocalsOptions {
  const out: Record<string, unknown> = { ...DEFAULT_LOCALS_OPTIONS };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  if (!['off', 'uncaught', 'all'].includes(out.mode as string)) {
    diag.warn(`Locals: unknown mode ${String(out.mode)}; using 'uncaught'`);
    out.mode = 'uncaught';
  }
  for (const [key, min, max] of LIMITS) {
    const value = out[key];
    const fallback = DEFAULT_LOCALS_OPTIONS[key] as number;
    const n = typeof value === 'number' && !Number.isNaN(value) ? Math.floor(value) : fallback;
    out[key] = Math.min(max, Math.max(min, n));
    if (out[key] !== value)
      diag.warn(`Locals: ${key}=${String(value)} is out of range; using ${String(out[key])}`);
  }
  return out as ResolvedLocalsOptions;
}

/** Locals read from one call frame at the moment of the throw. */
export interface CapturedFrame {
  /** Index of the frame in the paused stack (0 = the frame that threw). */
  index: number;
  /** Function name as the debugger reports it (no receiver type), or `null` when anonymous. */
  function: string | null;
  /** File as a path for `file://` scripts, else the script URL. */
  file: string;
  /** 1-based line of the frame's current position (the throw, or the call in progress). */
  line: number;
  /** 1-based column of the frame's current position. */
  column: number;
  /** Variables by name; `this` summarised under `this`; the throwing frame's closure under `[[closure]]`. */
  locals: Record<string, JsonValue>;
}

/** The locals captured for one thrown value. */
export interface CapturedLocals {
  /** Captured frames, top of the stack first. */
  frames: CapturedFrame[];
  /** Whether V8 predicted the exception to be uncaught (or the rejection unhandled). */
  uncaught: boolean;
  /** True when a limit (`maxBytes`) cut the data. */
  truncated: boolean;
}

/** A running collector. */
export interface LocalsCollector {
  /** The mode in effect: `'off'` when disabled (option, no inspector, a debugger attached, or stopped). */
  readonly mode: LocalsMode;
  /** Returns and forgets the locals captured for this thrown value, if any (object identity; primitives by value). */
  take(thrown: unknown): CapturedLocals | undefined;
  /** Stops pausing, disconnects and drops pending captures. Idempotent. */
  stop(): void;
}
