import { toDocument } from '../../errorinfo/codec.ts';
import { format } from '../../format/format.ts';
import { resolveColor } from '../../format/resolveColor.ts';
import { loadCatalog } from '../catalog/loadCatalog.ts';
import type { CliContext } from '../CliContext.ts';
import type { ViewArgs } from '../commands/view.ts';
import { json } from '../list/ListRenderer.ts';
import { reportDirectory } from '../reportDirectory.ts';
import { loadFullReport } from './loadFullReport.ts';
import { matchOne, parseFingerprintArg } from './matchReports.ts';

/** `err view`: finds the one report matching the argument and prints it in the asked format. */
export async function runView(context: CliContext, args: ViewArgs): Promise<void> {
  const prefix = parseFingerprintArg(args.fingerprint);
  const dir = reportDirectory(args.path);
  const catalog = await loadCatalog(dir, {
    fingerprints: true,
    reindex: args.reindex,
    debug: message => context.trace(message),
  });
  try {
    const info = loadFullReport(dir, catalog, matchOne(catalog, prefix));
    if (args.format === 'json') {
      context.out.write(`${json(toDocument(info), 2)}\n`);
    } else {
      const color = args.color ?? resolveColor(process.stdout);
      context.out.write(`${format(info, args.format, { color })}\n`);
    }
  } finally {
    catalog.close();
  }
}
