import type { Catalog } from '../catalog/Catalog.ts';
import { CliError } from '../CliError.ts';
import { EXIT } from '../exitCodes.ts';
import { isoSeconds } from '../list/cells.ts';

const PREFIX = /^[0-9a-f][0-9a-f-]{0,35}$/;
/** Candidates listed for an ambiguous prefix. */
const MAX_CANDIDATES = 20;

/**
 * A fingerprint or prefix argument, lowercased. Anything but hex digits and dashes is refused
 * before it can reach the file system (`err view ../../etc/passwd`): exit 2.
 */
export function parseFingerprintArg(arg: string): string {
  const text = String(arg).toLowerCase();
  if (!PREFIX.test(text)) {
    throw new CliError(
      `'${arg}' is not a fingerprint or a prefix of one (hex digits and dashes only)`,
      EXIT.usage,
    );
  }
  return text;
}

/** The one row whose fingerprint starts with `prefix`; exit 3 when none or several match (listing them). */
export function matchOne(catalog: Catalog, prefix: string): number {
  const rows = matchAll(catalog, prefix);
  if (rows.length === 0) throw new CliError(`no report matches ${prefix}`, EXIT.notFound);
  if (rows.length > 1) {
    const shown = rows.slice(0, MAX_CANDIDATES).map(row => {
      const entry = catalog.entry(row);
      return `${entry.fingerprint}  ${isoSeconds(entry.lastSeen) ?? '-'}  ${entry.service}  ${entry.type}: ${entry.message}`;
    });
    if (rows.length > MAX_CANDIDATES) shown.push(`… and ${rows.length - MAX_CANDIDATES} more`);
    throw new CliError(
      `${prefix} is ambiguous: ${rows.length} reports match`,
      EXIT.notFound,
      shown,
    );
  }
  return rows[0]!;
}

/** Rows whose fingerprint starts with `prefix`, sorted by fingerprint (needs a scan with `fingerprints`). */
export function matchAll(catalog: Catalog, prefix: string): number[] {
  const rows: number[] = [];
  for (let row = 0; row < catalog.size; row++) {
    if (catalog.strings(row).fingerprint?.startsWith(prefix)) rows.push(row);
  }
  return rows.sort((a, b) => catalog.compareFingerprints(a, b));
}
