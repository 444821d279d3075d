/**
 * The outbox record of a report: `extra.delivered` maps each destination the report must reach to
 * the ISO date it was accepted, or `null` while pending, e.g. `{ "sentry": null, "otlp":
 * "2024-05-01T10:00:02.000Z" }`. A destination absent from the map is not configured for it.
 * Kept under `extra` so that the ErrorInfo 2.0 codec and schema stay unchanged.
 */
import type { ErrorInfo, JsonValue } from '../errorinfo/ErrorInfo.ts';

/** The `extra` key of the delivery record. */
export const DELIVERED_KEY = 'delivered';

/** Destination → acceptance date (ISO) or `null` when pending. */
export type Delivery = Record<string, string | null>;

/** The delivery record of a report (an empty object when absent; malformed entries are ignored). */
export function deliveryOf(info: ErrorInfo): Delivery {
  const raw = Object.hasOwn(info.extra, DELIVERED_KEY) ? info.extra[DELIVERED_KEY] : undefined;
  const delivery: Delivery = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return delivery;
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || typeof value === 'string') delivery[name] = value;
  }
  return delivery;
}

/** Destinations that have not accepted the report yet, sorted. */
export function pendingDestinations(info: ErrorInfo): string[] {
  return Object.entries(deliveryOf(info))
    .filter(([, at]) => at === null)
    .map(([name]) => name)
    .sort();
}

/** A copy whose delivery record lists every destination in `destinations` (new ones pending). */
export function withDestinations(info: ErrorInfo, destinations: readonly string[]): ErrorInfo {
  const delivery = deliveryOf(info);
  const missing = destinations.filter(name => !Object.hasOwn(delivery, name));
  if (missing.length === 0) return info;
  for (const name of missing) delivery[name] = null;
  return withDelivery(info, delivery);
}

/** A copy recording that `destination` accepted the report at `at`. */
export function withDelivered(info: ErrorInfo, destination: string, at: Date): ErrorInfo {
  return withDelivery(info, { ...deliveryOf(info), [destination]: at.toISOString() });
}

function withDelivery(info: ErrorInfo, delivery: Delivery): ErrorInfo {
  const record: Record<string, JsonValue> = { ...delivery };
  return { ...info, extra: { ...info.extra, [DELIVERED_KEY]: record } };
}
