import { diag } from '@opentelemetry/api';
import type * as Inspector from 'node:inspector';
import {
  resolveLocalsOptions,
  type CapturedLocals,
  type LocalsCollector,
  type LocalsOptions,
} from './common.ts';
import { renderAs } from './atomText.ts';
import { InspectorCollector } from './InspectorCollector.ts';

export type {
  CapturedFrame,
  CapturedLocals,
  LocalsCollector,
  LocalsMode,
  LocalsOptions,
} from './common.ts';
export { DEFAULT_LOCALS_OPTIONS } from './common.ts';
export { mergeLocals } from './mergeLocals.ts';

let active: LocalsCollector | null = null;

/** The collector started last and not stopped yet, whose captures `captureErrorInfo` takes by default. */
export function activeLocalsCollector(): LocalsCollector | null {
  return active;
}

// Makes `collector` the active one until it is stopped.
function activate(collector: LocalsCollector): LocalsCollector {
  const tracked: LocalsCollector = {
    get mode() {
      return collector.mode;
    },
    take: thrown => collector.take(thrown),
    stop(): void {
      if (active === tracked) active = null;
      collector.stop();
    },
  };
  renderAs(tracked, '[LocalsCollector]');
  active = tracked;
  return tracked;
}

const OFF: LocalsCollector = Object.freeze({
  mode: 'off' as const,
  take: (): CapturedLocals | undefined => undefined,
  stop: (): void => undefined,
});

function loadInspector(): typeof Inspector | undefined {
  try {
    return process.features.inspector ? process.getBuiltinModule('node:inspector') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts capturing locals for the current thread (start one per worker thread that should have
 * them). The one place where the implementation is chosen:
 * - `mode: 'off'`, a Node built without the inspector, or a debugger already attached
 *   (`inspector.url()` set: `--inspect*`, SIGUSR1, `inspector.open()`) → an inert collector, the
 *   last two with one `diag.warn`.
 * - otherwise a same-thread `inspector.Session` (`InspectorCollector`). Measured on Node 24
 *   against a worker thread on `connectToMainThread()` (Sentry's design): the pause alone costs
 *   ≈ 240 µs same-thread vs ≈ 310 µs from a worker, each scope read ≈ 12 µs vs ≈ 35 µs, and only
 *   the same thread can read the values as live objects (a worker must walk every nested object
 *   with `Runtime.getProperties`). It cannot deadlock: the handler is synchronous and resumes in
 *   `finally`; no port is opened (`inspector.open` is never called).
 * Never throws: failures give the inert collector and a `diag` message.
 */
export function startLocalsCollector(options?: LocalsOptions): LocalsCollector {
  try {
    const resolved = resolveLocalsOptions(options);
    if (resolved.mode === 'off') return OFF;
    const inspector = loadInspector();
    if (inspector === undefined) {
      diag.warn(
        'Locals: node:inspector is not available in this Node build; locals capture is off',
      );
      return OFF;
    }
    if (inspector.url() !== undefined) {
      diag.warn(
        'Locals: a debugger is attached (inspector.url() is set); locals capture is off so it does not fight it',
      );
      return OFF;
    }
    return activate(new InspectorCollector(inspector, resolved));
  } catch (error) {
    diag.warn(`Locals: could not start (${String(error)}); locals capture is off`);
    return OFF;
  }
}
