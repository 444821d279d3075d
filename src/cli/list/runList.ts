import { resolveColor } from '../../format/resolveColor.ts';
import { loadCatalog } from '../catalog/loadCatalog.ts';
import type { CliContext } from '../CliContext.ts';
import type { ListArgs } from '../commands/list.ts';
import { EXIT } from '../exitCodes.ts';
import { parseWhen } from '../parseWhen.ts';
import { reportDirectory } from '../reportDirectory.ts';
import { reportProblems } from '../reportProblems.ts';
import { jsonRenderer, type ListRenderer, tableRenderer, tsvRenderer } from './ListRenderer.ts';
import { selectRows } from './selectRows.ts';

/**
 * Rows whose lines are fetched together: enough for a handful of reads per thousand rows, few
 * enough that the batch dies young (larger batches survive scavenges and grow the heap).
 */
const BATCH_ROWS = 256;

/** `err list`: reads the catalog, prints the problems on stderr, then the rows. */
export async function runList(context: CliContext, args: ListArgs): Promise<void> {
  const dir = reportDirectory(args.path);
  const since = args.since === undefined ? undefined : parseWhen(args.since, '--since');
  const limit = Number.isSafeInteger(args.limit) && args.limit > 0 ? args.limit : 0;
  const catalog = await loadCatalog(dir, {
    services: args.service,
    types: args.type,
    strings: args.sort === 'service' || args.sort === 'type',
    reindex: args.reindex,
    debug: message => context.trace(message),
  });
  try {
    const selected = selectRows(catalog, { since, sort: args.sort, limit });
    reportProblems(context, dir, catalog.problems);
    const renderer = rendererFor(context, args, dir);
    renderer.begin();
    for (let start = 0; start < selected.rows.length; start += BATCH_ROWS) {
      for (const entry of catalog.entries(selected.rows.subarray(start, start + BATCH_ROWS))) {
        renderer.row(entry);
      }
    }
    renderer.end({
      reports: selected.total,
      occurrences: selected.occurrences,
      shown: selected.rows.length,
      problems: catalog.problems,
    });
  } finally {
    catalog.close();
  }
  if (catalog.problems.length > 0) context.fail(EXIT.partial);
}

function rendererFor(context: CliContext, args: ListArgs, dir: string): ListRenderer {
  if (args.json) return jsonRenderer(context.out, dir);
  if (process.stdout.isTTY !== true) return tsvRenderer(context.out, args.wide === true);
  return tableRenderer(context.out, {
    wide: args.wide === true,
    color: args.color ?? resolveColor(process.stdout),
    columns: process.stdout.columns || 120,
  });
}
