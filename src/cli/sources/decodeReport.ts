import { ErrorInfoFormatError } from '../../errorinfo/ErrorInfoFormatError.ts';
import type { ErrorInfo } from '../../errorinfo/ErrorInfo.ts';
import { fromDocument } from '../../errorinfo/codec.ts';
import { UnreadableFileError } from '../../store/readReportText.ts';
import { safeLine } from '../../format/text.ts';
import { fromGufoDocument, GufoFormatError } from './gufoReport.ts';
import { parseLenientJson } from './parseLenientJson.ts';

/** A decoded report file: ours (ErrorInfo 2.x) or Gufo Err's (1.x). */
export interface DecodedReport {
  /** The report. */
  info: ErrorInfo;
  /** Which format it was in. */
  format: 'errorinfo' | 'gufo';
}

const GUFO_VERSION = /^1\.\d+$/;

/** Decodes the text of a report file; `mtime` dates a Gufo report without timestamp. Throws only `UnreadableFileError`. */
export function decodeReport(text: string, mtime: Date): DecodedReport {
  const doc = parse(text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new UnreadableFileError('is not a JSON object');
  }
  const record = doc as Record<string, unknown>;
  if (record.$type !== 'errorinfo') {
    throw new UnreadableFileError(`is not an ErrorInfo report ($type is ${shown(record.$type)})`);
  }
  if (typeof record.$version === 'string' && GUFO_VERSION.test(record.$version)) {
    try {
      return { info: fromGufoDocument(record, mtime), format: 'gufo' };
    } catch (error) {
      if (!(error instanceof GufoFormatError)) throw error;
      throw new UnreadableFileError(`is not a valid Gufo Err 1.0 report (${error.message})`);
    }
  }
  try {
    return { info: fromDocument(record), format: 'errorinfo' };
  } catch (error) {
    if (!(error instanceof ErrorInfoFormatError)) throw error;
    const field = safeLine(error.field, 80);
    throw new UnreadableFileError(
      `is not a valid ErrorInfo report (${field}: ${error.shortMessage})`,
    );
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Gufo Err writes Python's NaN/Infinity tokens; only its reports may use them.
    try {
      const lenient = parseLenientJson(text) as { $version?: unknown } | null;
      if (typeof lenient?.$version === 'string' && GUFO_VERSION.test(lenient.$version)) {
        return lenient;
      }
    } catch {
      // Not JSON even leniently: report the strict error.
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnreadableFileError(`is not JSON (${safeLine(reason, 100)})`);
  }
}

function shown(value: unknown): string {
  return value === undefined ? 'missing' : safeLine(JSON.stringify(value) ?? typeof value, 40);
}
