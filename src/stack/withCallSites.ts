import { diag } from '@opentelemetry/api';
import type { LiveFrame } from './LiveFrame.ts';
import { callSiteFrame, type PrintedCallSite } from './callSiteFrame.ts';

type PrepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) => unknown;

/**
 * Looks up the structured frames recorded for an error (the top `limit` ones when given), or `null` when its
 * stack was not formatted under the hook.
 */
export type CallSiteLookup = (error: object, limit?: number) => LiveFrame[] | null;

/** What V8 prints when no `Error.prepareStackTrace` is installed. */
function formatLikeV8(error: Error, sites: NodeJS.CallSite[]): string {
  let header: string;
  try {
    header = String(error);
  } catch {
    header = 'Error';
  }
  return header + sites.map(site => `\n    at ${(site as PrintedCallSite).toString()}`).join('');
}

function toFrames(sites: NodeJS.CallSite[], limit: number): LiveFrame[] | null {
  try {
    // Reading a CallSite costs ~0.5 µs: frames the caller drops are never read.
    const frames: LiveFrame[] = [];
    const count = Math.min(sites.length, limit);
    for (let index = 0; index < count; index++) frames.push(callSiteFrame(sites[index]!));
    return frames;
  } catch (e) {
    diag.debug(`withCallSites: reading a CallSite threw: ${String(e)}`);
    return null;
  }
}

/**
 * Runs `run` with a temporary `Error.prepareStackTrace` that records the V8 CallSites of every error whose
 * stack is formatted meanwhile, then delegates to the hook installed before it (the user's,
 * source-map-support's, or Node's default, which applies `--enable-source-maps`), so `.stack` reads exactly as
 * without us. `run` gets a lookup of the recorded frames (generated positions, top of the stack first). The
 * previous hook is restored before returning. With no previous hook while source maps are on, nothing is
 * installed (our own formatting would drop the mapping) and every lookup gives `null`.
 */
export function withCallSites<T>(run: (lookup: CallSiteLookup) => T): T {
  const recorded = new WeakMap<object, NodeJS.CallSite[]>();
  const lookup: CallSiteLookup = (error, limit = Number.POSITIVE_INFINITY) => {
    const sites = recorded.get(error);
    return sites === undefined ? null : toFrames(sites, limit);
  };
  const previous: unknown = Reflect.get(Error, 'prepareStackTrace');
  if (typeof previous !== 'function' && process.sourceMapsEnabled) return run(() => null);
  const hook = function (this: unknown, target: Error, callSites: NodeJS.CallSite[]): unknown {
    if (
      typeof target === 'object' &&
      target !== null &&
      Array.isArray(callSites) &&
      !recorded.has(target)
    ) {
      recorded.set(target, callSites);
    }
    return typeof previous === 'function'
      ? Reflect.apply(previous as PrepareStackTrace, this, [target, callSites])
      : formatLikeV8(target, callSites);
  };
  Error.prepareStackTrace = hook;
  try {
    return run(lookup);
  } finally {
    // A hook may install another one while it runs (source-map-support does): keep theirs.
    if (Error.prepareStackTrace === hook) Error.prepareStackTrace = previous as PrepareStackTrace;
  }
}
