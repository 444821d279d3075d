import { parseReportFileName } from '../../store/storeLayout.ts';

/** How a directory entry is read: a report (`<uuid>.json[.gz|.bz2|.xz]`), an OTLP JSON file, or not at all. */
export type InputKind = 'report' | 'otlp';

const OTLP_NAME = /\.(?:jsonl?|ndjson)(?:\.(?:gz|zst|zstd))?$/i;

/** The kind of a directory entry by its name; `null` for hidden and unrelated files. */
export function inputKind(name: string): InputKind | null {
  if (name.startsWith('.')) return null;
  if (parseReportFileName(name) !== null) return 'report';
  return OTLP_NAME.test(name) ? 'otlp' : null;
}
