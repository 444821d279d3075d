import type { BenchRow } from './BenchRow.ts';
import { renderTable } from './table.ts';

/** Marker of the line a benchmark file prints its rows on, for `bench/run.ts` to collect. */
export const ROWS_MARKER = 'BENCH_ROWS ';

/** Prints a benchmark file's rows: as a table when run alone, as one marked JSON line under `bench/run.ts`. */
export function report(rows: readonly BenchRow[]): void {
  if (process.env.BENCH_CHILD === '1') {
    process.stdout.write(`${ROWS_MARKER}${JSON.stringify(rows)}\n`);
  } else {
    process.stdout.write(`${renderTable(rows)}\n`);
  }
}
