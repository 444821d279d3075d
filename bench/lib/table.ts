import type { BenchRow } from './BenchRow.ts';

const COLUMNS = ['id', 'what', 'ours', 'baseline', 'ratio', 'target', 'verdict'] as const;

/** Renders rows as an aligned plain-text table. */
export function renderTable(rows: readonly BenchRow[]): string {
  const cells = rows.map(row => [
    row.id,
    row.what,
    row.ours,
    row.baseline,
    row.ratio === null ? '-' : `${row.ratio.toFixed(3)}×`,
    row.target,
    row.ours === 'not yet' ? 'not yet' : row.pass === null ? 'info' : row.pass ? 'ok' : 'MISSED',
  ]);
  const widths = COLUMNS.map((name, i) =>
    Math.max(name.length, ...cells.map(line => line[i]!.length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), line(widths.map(w => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
