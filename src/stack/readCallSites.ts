import { diag } from '@opentelemetry/api';
import type { LiveFrame } from './LiveFrame.ts';
import { withCallSites } from './withCallSites.ts';

/**
 * Structured frames of a live Error from V8's CallSites, top of the stack first: formats `error.stack` once
 * under `withCallSites`, so `.stack` reads exactly as without us. Positions are the generated ones V8 reports.
 * Returns `null` when V8 does not call the hook (the stack was already read or replaced): parse `error.stack`
 * with `parseStack(stack, { message })` then. Never throws.
 */
export function readCallSites(error: Error): LiveFrame[] | null {
  return withCallSites(lookup => {
    try {
      Reflect.get(error, 'stack');
    } catch (e) {
      // A throwing user hook still had the CallSites handed to ours first.
      diag.debug(`readCallSites: formatting the stack threw: ${String(e)}`);
    }
    return lookup(error);
  });
}
