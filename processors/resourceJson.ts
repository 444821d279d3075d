import type { Attributes } from '@opentelemetry/api';
import type { JsonValue } from '../src/errorinfo/ErrorInfo.ts';

/** What we read of an OpenTelemetry `Resource`. */
export interface ResourceLike {
  /** True while async detectors have not settled. */
  readonly asyncAttributesPending?: boolean;
  /** The attributes. */
  readonly attributes: Attributes;
}

/**
 * A resource's attributes as JSON values, or `{}` while async detectors are still pending (reading them
 * then makes the SDK log an error) or when the resource is unreadable.
 */
export function resourceJson(resource: ResourceLike | undefined): Record<string, JsonValue> {
  const result: Record<string, JsonValue> = {};
  try {
    if (resource === undefined || resource.asyncAttributesPending === true) return result;
    for (const [key, value] of Object.entries(resource.attributes)) {
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
