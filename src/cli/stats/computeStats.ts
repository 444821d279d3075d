import type { Catalog } from '../catalog/Catalog.ts';

/** Occurrences per hour over a bug's (or service's) active span, which counts as at least one hour. */
export function ratePerHour(count: number, firstSeen: number, lastSeen: number): number {
  const hours = Math.max(1, (lastSeen - firstSeen) / 3_600_000);
  return Math.round((count / hours) * 100) / 100;
}

/** Totals of one service. */
export interface ServiceStats {
  /** Service name. */
  service: string;
  /** Distinct bugs (rows). */
  bugs: number;
  /** Their occurrences. */
  occurrences: number;
  /** Earliest occurrence (ms). */
  firstSeen: number;
  /** Latest occurrence (ms). */
  lastSeen: number;
}

/** What `err stats` prints. */
export interface Stats {
  /** All selected rows. */
  totals: Omit<ServiceStats, 'service'>;
  /** The `top` rows with most occurrences (ties: newest, then fingerprint). */
  top: number[];
  /** Per service, most occurrences first. */
  services: ServiceStats[];
}

/** Aggregates the selected rows (a scan with `strings`). */
export function computeStats(catalog: Catalog, rows: Uint32Array, top: number): Stats {
  const totals = { bugs: 0, occurrences: 0, firstSeen: Infinity, lastSeen: -Infinity };
  const byService = new Map<string, ServiceStats>();
  for (const row of rows) {
    const service = catalog.strings(row).service ?? '';
    const stats = byService.get(service) ?? {
      service,
      bugs: 0,
      occurrences: 0,
      firstSeen: Infinity,
      lastSeen: -Infinity,
    };
    for (const target of [stats, totals]) {
      target.bugs++;
      target.occurrences += catalog.count(row);
      target.firstSeen = Math.min(target.firstSeen, catalog.firstSeen(row));
      target.lastSeen = Math.max(target.lastSeen, catalog.lastSeen(row));
    }
    byService.set(service, stats);
  }
  const byCount = [...rows].sort(
    (a, b) =>
      catalog.count(b) - catalog.count(a) ||
      catalog.lastSeen(b) - catalog.lastSeen(a) ||
      catalog.compareFingerprints(a, b),
  );
  const services = [...byService.values()].sort(
    (a, b) => b.occurrences - a.occurrences || (a.service < b.service ? -1 : 1),
  );
  return { totals, top: byCount.slice(0, top), services };
}
