import type { Attributes } from '@opentelemetry/api';
import type { JsonValue } from '../src/errorinfo/ErrorInfo.ts';

/** What we read of an OpenTelemetry `Resource`. */
export interface ResourceLike {
  /** True while async detectors have not settled. */
  readonly asyncAttributesPending?: boolean;
  /** The attributes. */
  readonly attributes: Attributes;
  /** Every attribute as detected, a promise where an async detector has not settled. */
  getRawAttributes?(): [string, unknown][];
}

// NodeSDK's default detectors stay pending until the first export; reading `attributes` then makes the SDK log
// an error, and skipping the resource would name the service differently (and change fingerprints) until then.
function settledEntries(resource: ResourceLike): [string, unknown][] {
  if (resource.asyncAttributesPending !== true) return Object.entries(resource.attributes);
  const raw = resource.getRawAttributes?.() ?? [];
  return raw.filter(
    ([, value]) => typeof (value as { then?: unknown } | null)?.then !== 'function',
  );
}

/**
 * A resource's attributes as JSON values: while async detectors are pending, the ones already known; `{}` when
 * the resource is unreadable.
 */
export function resourceJson(resource: ResourceLike | undefined): Record<string, JsonValue> {
  const result: Record<string, JsonValue> = {};
  try {
    if (resource === undefined) return result;
    for (const [key, value] of settledEntries(resource)) {
      // Raw attributes list merged resources' values in order: the first one wins, as in the SDK.
      if (Object.hasOwn(result, key)) continue;
      if (Array.isArray(value)) result[key] = value.map(primitiveOrNull);
      else if (value !== undefined) result[key] = primitiveOrNull(value);
    }
  } catch {
    // A broken detector's resource: the report goes without it.
  }
  return result;
}

function primitiveOrNull(value: unknown): JsonValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : null;
}
