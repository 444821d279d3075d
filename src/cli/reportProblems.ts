import type { Problem } from './catalog/Catalog.ts';
import type { CliContext } from './CliContext.ts';
import { shownPath } from './shownPath.ts';

/** One stderr line per unreadable file (`err: DIR/name: problem`), flushed before the listing. */
export function reportProblems(
  context: CliContext,
  dir: string,
  problems: readonly Problem[],
): void {
  const sorted = [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const { file, problem } of sorted) context.warn(`${shownPath(dir, file)}: ${problem}`);
  context.err.flush();
}
