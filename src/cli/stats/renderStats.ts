import { palette } from '../../format/palette.ts';
import { escapeText } from '../../format/text.ts';
import type { IndexEntry } from '../../store/IndexEntry.ts';
import type { Problem } from '../catalog/Catalog.ts';
import { exceptionCell, fit, isoMillis, isoSeconds } from '../list/cells.ts';
import { json } from '../list/ListRenderer.ts';
import type { ServiceStats, Stats } from './computeStats.ts';

/** Everything `err stats` prints. */
export interface StatsView {
  /** The report directory. */
  directory: string;
  /** All selected rows. */
  totals: Stats['totals'];
  /** Top rows with their rate per hour. */
  top: { entry: IndexEntry; rate: number }[];
  /** Per service, with rate per hour. */
  services: (ServiceStats & { rate: number })[];
  /** Unreadable files. */
  problems: readonly Problem[];
}

/** `--json`: one document (schema in the CLI notes). */
export function statsDocument(view: StatsView): string {
  const { totals } = view;
  const document = {
    $type: 'err-stats',
    $version: 1,
    directory: view.directory,
    totals: {
      bugs: totals.bugs,
      occurrences: totals.occurrences,
      firstSeen: totals.bugs ? isoMillis(totals.firstSeen) : null,
      lastSeen: totals.bugs ? isoMillis(totals.lastSeen) : null,
    },
    top: view.top.map(({ entry, rate }) => ({
      fingerprint: entry.fingerprint,
      service: entry.service,
      exception: { type: entry.type, message: entry.message },
      count: entry.count,
      firstSeen: isoMillis(entry.firstSeen),
      lastSeen: isoMillis(entry.lastSeen),
      ratePerHour: rate,
    })),
    services: view.services.map(s => ({
      service: s.service,
      bugs: s.bugs,
      occurrences: s.occurrences,
      firstSeen: isoMillis(s.firstSeen),
      lastSeen: isoMillis(s.lastSeen),
      ratePerHour: s.rate,
    })),
    problems: view.problems,
  };
  return `${json(document, 2)}\n`;
}

/** Aligned text: a summary line, the top bugs, the services. */
export function statsText(view: StatsView, color: boolean): string {
  const pal = palette(color);
  const { totals } = view;
  const lines: string[] = [];
  const span = totals.bugs
    ? `, ${isoSeconds(totals.firstSeen) ?? '-'} … ${isoSeconds(totals.lastSeen) ?? '-'}`
    : '';
  lines.push(
    `${count(totals.bugs, 'bug')}, ${count(totals.occurrences, 'occurrence')} in ${count(view.services.length, 'service')}${span}`,
    '',
    pal.bold(`Top ${view.top.length} by occurrences`),
    pal.gray(
      `${'COUNT'.padStart(9)}  ${'RATE/H'.padStart(9)}  ${'BUG'.padEnd(8)}  ${fit('SERVICE', 16)}  EXCEPTION`,
    ),
  );
  for (const { entry, rate } of view.top) {
    lines.push(
      `${String(entry.count).padStart(9)}  ${rate.toFixed(2).padStart(9)}  ${pal.yellow(fit(entry.fingerprint.slice(0, 8), 8))}  ${fit(escapeText(entry.service), 16)}  ${pal.red(fit(exceptionCell(entry), 80))}`,
    );
  }
  lines.push(
    '',
    pal.bold('By service'),
    pal.gray(
      `${fit('SERVICE', 20)}  ${'BUGS'.padStart(7)}  ${'OCCURRENCES'.padStart(11)}  ${fit('FIRST SEEN', 20)}  ${fit('LAST SEEN', 20)}  ${'RATE/H'.padStart(9)}`,
    ),
  );
  for (const s of view.services) {
    lines.push(
      `${fit(escapeText(s.service), 20)}  ${String(s.bugs).padStart(7)}  ${String(s.occurrences).padStart(11)}  ${fit(isoSeconds(s.firstSeen) ?? '-', 20)}  ${fit(isoSeconds(s.lastSeen) ?? '-', 20)}  ${s.rate.toFixed(2).padStart(9)}`,
    );
  }
  return `${lines.map(line => line.trimEnd()).join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
