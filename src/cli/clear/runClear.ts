import { loadCatalog } from '../catalog/loadCatalog.ts';
import type { CliContext } from '../CliContext.ts';
import { CliError } from '../CliError.ts';
import type { ClearArgs } from '../commands/clear.ts';
import { EXIT } from '../exitCodes.ts';
import { parseDuration } from '../parseWhen.ts';
import { reportDirectory } from '../reportDirectory.ts';
import { parseFingerprintArg } from '../view/matchReports.ts';
import { removeReports } from './removeReports.ts';
import { selectForClear } from './selectForClear.ts';

/** `err clear`: exactly one of fingerprints, `--all`, `--older-than`; then removes (or lists, with `--dry-run`). */
export async function runClear(context: CliContext, args: ClearArgs): Promise<void> {
  const prefixes = (args.fingerprints ?? []).map(parseFingerprintArg);
  const modes = [prefixes.length > 0, args.all === true, args.olderThan !== undefined];
  if (modes.filter(Boolean).length !== 1) {
    throw new CliError(
      'give fingerprints, or --all, or --older-than (exactly one of them)',
      EXIT.usage,
    );
  }
  const olderThan =
    args.olderThan === undefined
      ? undefined
      : Date.now() - parseDuration(args.olderThan, '--older-than');
  const dir = reportDirectory(args.path);
  const catalog = await loadCatalog(dir, {
    fingerprints: true,
    debug: message => context.trace(message),
  });
  let targets;
  try {
    targets = selectForClear(catalog, { prefixes, all: args.all === true, olderThan });
  } finally {
    catalog.close();
  }
  removeReports(context, dir, targets, args.dryRun === true);
}
