import type { Catalog } from '../catalog/Catalog.ts';
import type { SortKey } from '../commands/list.ts';

/** Which rows, in which order. */
export interface Selection {
  /** Only rows last seen at or after this (ms). */
  since?: number;
  /** Order; ties are broken by fingerprint, so the output is deterministic. */
  sort: SortKey;
  /** At most this many rows (0 or absent: all). */
  limit?: number;
}

/** The rows to show and the totals of every row that passed the filters. */
export interface Selected {
  /** Rows to show, in order. */
  rows: Uint32Array;
  /** Rows that passed the filters (before the limit). */
  total: number;
  /** Their occurrences. */
  occurrences: number;
}

/** Filters and sorts the catalog's rows (the scan already applied the service and type filters). */
export function selectRows(catalog: Catalog, selection: Selection): Selected {
  const since = selection.since ?? Number.NEGATIVE_INFINITY;
  const picked: number[] = [];
  let occurrences = 0;
  for (let row = 0; row < catalog.size; row++) {
    if (!catalog.matches(row) || catalog.lastSeen(row) < since) continue;
    picked.push(row);
    occurrences += catalog.count(row);
  }
  const rows = Uint32Array.from(picked);
  rows.sort(comparator(catalog, selection.sort));
  const limit = selection.limit ?? 0;
  return {
    rows: limit > 0 && limit < rows.length ? rows.subarray(0, limit) : rows,
    total: rows.length,
    occurrences,
  };
}

function comparator(catalog: Catalog, sort: SortKey): (a: number, b: number) => number {
  const tie = (a: number, b: number): number =>
    catalog.lastSeen(b) - catalog.lastSeen(a) || catalog.compareFingerprints(a, b);
  switch (sort) {
    case 'first':
      return (a, b) => catalog.firstSeen(b) - catalog.firstSeen(a) || tie(a, b);
    case 'count':
      return (a, b) => catalog.count(b) - catalog.count(a) || tie(a, b);
    case 'service':
    case 'type':
      return (a, b) => compareText(catalog.strings(a)[sort], catalog.strings(b)[sort]) || tie(a, b);
    default:
      return tie;
  }
}

function compareText(a = '', b = ''): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
