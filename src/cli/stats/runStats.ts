import { resolveColor } from '../../format/resolveColor.ts';
import { loadCatalog } from '../catalog/loadCatalog.ts';
import type { CliContext } from '../CliContext.ts';
import type { StatsArgs } from '../commands/stats.ts';
import { EXIT } from '../exitCodes.ts';
import { selectRows } from '../list/selectRows.ts';
import { parseWhen } from '../parseWhen.ts';
import { reportDirectory } from '../reportDirectory.ts';
import { reportProblems } from '../reportProblems.ts';
import { computeStats, ratePerHour } from './computeStats.ts';
import { statsDocument, statsText, type StatsView } from './renderStats.ts';

/** `err stats`: aggregates the selected rows and prints them as text or JSON. */
export async function runStats(context: CliContext, args: StatsArgs): Promise<void> {
  const dir = reportDirectory(args.path);
  const since = args.since === undefined ? undefined : parseWhen(args.since, '--since');
  const top = Number.isSafeInteger(args.top) && args.top > 0 ? args.top : 10;
  const catalog = await loadCatalog(dir, {
    strings: true,
    services: args.service,
    debug: message => context.trace(message),
  });
  try {
    const { rows } = selectRows(catalog, { since, sort: 'last' });
    const stats = computeStats(catalog, rows, top);
    reportProblems(context, dir, catalog.problems);
    const view: StatsView = {
      directory: dir,
      totals: stats.totals,
      top: stats.top.map(row => ({
        entry: catalog.entry(row),
        rate: ratePerHour(catalog.count(row), catalog.firstSeen(row), catalog.lastSeen(row)),
      })),
      services: stats.services.map(s => ({
        ...s,
        rate: ratePerHour(s.occurrences, s.firstSeen, s.lastSeen),
      })),
      problems: catalog.problems,
    };
    context.out.write(
      args.json ? statsDocument(view) : statsText(view, args.color ?? resolveColor(process.stdout)),
    );
  } finally {
    catalog.close();
  }
  if (catalog.problems.length > 0) context.fail(EXIT.partial);
}
