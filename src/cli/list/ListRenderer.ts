import type { IndexEntry } from '../../store/IndexEntry.ts';
import { palette } from '../../format/palette.ts';
import type { Output } from '../Output.ts';
import {
  exceptionCell,
  fit,
  fitStart,
  isoMillis,
  isoSeconds,
  pendingCell,
  placeCell,
  visible,
} from './cells.ts';

/** Totals printed after the rows. */
export interface ListTotals {
  /** Rows that passed the filters. */
  reports: number;
  /** Their occurrences. */
  occurrences: number;
  /** Rows printed. */
  shown: number;
  /** Files that could not be read. */
  problems: readonly { file: string; problem: string }[];
}

/** How `err list` prints: begin, one call per row, end. */
export interface ListRenderer {
  /** Before the first row. */
  begin(): void;
  /** One row. */
  row(entry: IndexEntry): void;
  /** After the last row. */
  end(totals: ListTotals): void;
}

const SOURCES = ['removed', 'errorinfo', 'gufo', 'otlp'];

/**
 * `--json`: one JSON document (schema in the CLI notes), streamed row by row; each row is one
 * string in the key order of `listJson`, without building an object.
 */
export function jsonRenderer(out: Output, directory: string): ListRenderer {
  let first = true;
  // Plain JSON.stringify per string; the terminal-safe escaping runs once over the whole row.
  const text = (value: string | null): string => JSON.stringify(value);
  return {
    begin: () =>
      out.write(`{"$type":"err-list","$version":1,"directory":${json(directory)},"reports":[`),
    row: entry => {
      const place =
        entry.placeFile === null
          ? 'null'
          : `{"file":${text(entry.placeFile)},"line":${entry.placeLine ?? 'null'},"function":${text(entry.placeFunction)}}`;
      const pending = entry.pending === '' ? '[]' : JSON.stringify(entry.pending.split(','));
      out.write(
        terminalSafe(
          `${first ? '\n' : ',\n'}{"fingerprint":${text(entry.fingerprint)},"service":${text(entry.service)},` +
            `"version":${text(entry.version)},"exception":{"type":${text(entry.type)},"message":${text(entry.message)}},` +
            `"count":${entry.count},"firstSeen":${text(isoMillis(entry.firstSeen))},` +
            `"lastSeen":${text(isoMillis(entry.lastSeen))},"place":${place},"pending":${pending},` +
            `"source":"${SOURCES[entry.kind] ?? 'unknown'}","file":${text(entry.file)}}`,
        ),
      );
      first = false;
    },
    end: ({ reports, occurrences, shown, problems }) =>
      out.write(
        `\n],"totals":${json({ reports, occurrences, shown })},"problems":${json(problems)}}\n`,
      ),
  };
}

/** The JSON object of one row, as `jsonRenderer` writes it. */
export function listJson(entry: IndexEntry): Record<string, unknown> {
  return {
    fingerprint: entry.fingerprint,
    service: entry.service,
    version: entry.version,
    exception: { type: entry.type, message: entry.message },
    count: entry.count,
    firstSeen: isoMillis(entry.firstSeen),
    lastSeen: isoMillis(entry.lastSeen),
    place:
      entry.placeFile === null
        ? null
        : { file: entry.placeFile, line: entry.placeLine, function: entry.placeFunction },
    pending: entry.pending === '' ? [] : entry.pending.split(','),
    source: SOURCES[entry.kind] ?? 'unknown',
    file: entry.file,
  };
}

/**
 * Not a terminal: tab-separated values with a header line, no colour, no footer. Fields are
 * written piece by piece into the output buffer (no row string is built): 100,000 rows stay cheap.
 */
export function tsvRenderer(out: Output, wide: boolean): ListRenderer {
  return {
    begin: () => out.write('fingerprint\tlast_seen\tcount\tservice\texception\tplace\tpending\n'),
    row: entry => {
      out.write(wide ? entry.fingerprint : entry.fingerprint.slice(0, 8));
      out.write('\t');
      out.write(isoSeconds(entry.lastSeen) ?? '-');
      out.write('\t');
      out.write(String(entry.count));
      out.write('\t');
      out.write(visible(entry.service));
      out.write('\t');
      out.write(visible(entry.type));
      if (entry.message !== '') {
        out.write(': ');
        out.write(visible(entry.message));
      }
      out.write('\t');
      out.write(placeCell(entry));
      out.write('\t');
      out.write(pendingCell(entry));
      out.write('\n');
    },
    end: () => undefined,
  };
}

/** A terminal: aligned columns fitted to its width, optional colour, a footer with totals. */
export function tableRenderer(
  out: Output,
  options: { wide: boolean; color: boolean; columns: number },
): ListRenderer {
  const pal = palette(options.color);
  const fp = options.wide ? 36 : 8;
  // Fixed columns and their separators; exception and place share the rest, 3 to 2.
  const flexible = Math.max(0, options.columns - (fp + 20 + 6 + 12 + 7 + 6 * 2));
  const placeWidth = Math.max(16, Math.floor(flexible * 0.4));
  const exceptionWidth = Math.max(20, flexible - placeWidth);
  const line = (cells: readonly string[]): string => `${cells.join('  ').trimEnd()}\n`;
  return {
    begin: () =>
      out.write(
        pal.bold(
          line([
            fit(options.wide ? 'FINGERPRINT' : 'BUG', fp),
            fit('LAST SEEN', 20),
            'COUNT'.padStart(6),
            fit('SERVICE', 12),
            fit('PENDING', 7),
            fit('EXCEPTION', exceptionWidth),
            'PLACE',
          ]),
        ),
      ),
    row: entry =>
      out.write(
        line([
          pal.yellow(fit(entry.fingerprint.slice(0, fp), fp)),
          fit(isoSeconds(entry.lastSeen) ?? '-', 20),
          String(entry.count).padStart(6),
          fit(visible(entry.service), 12),
          entry.pending === '' ? pal.gray(fit('-', 7)) : pal.red(fit(pendingCell(entry), 7)),
          pal.red(fit(exceptionCell(entry), exceptionWidth)),
          pal.cyan(fitStart(placeCell(entry), placeWidth)),
        ]),
      ),
    end: ({ reports, occurrences, shown, problems }) => {
      const parts = [`${plural(reports, 'report')}, ${plural(occurrences, 'occurrence')}`];
      if (shown < reports) parts.push(`${shown} shown (--limit)`);
      if (problems.length > 0)
        parts.push(`${plural(problems.length, 'unreadable file')} (see above)`);
      out.write(pal.gray(`${parts.join('; ')}\n`));
    },
  };
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** JSON with the characters JSON leaves raw but terminals act on (DEL, C1, bidi, line separators) escaped. */
export function json(value: unknown, indent?: number): string {
  return terminalSafe(JSON.stringify(value, null, indent));
}

/** JSON text with DEL, C1, bidi controls and line separators (which JSON leaves raw) escaped. */
function terminalSafe(text: string): string {
  return text.replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
