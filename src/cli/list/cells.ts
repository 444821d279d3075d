import type { IndexEntry } from '../../store/IndexEntry.ts';
import { clip, escapeText } from '../../format/text.ts';

/** The characters `escapeText` escapes, as a plain (non-unicode) class: a cheap test first. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** `escapeText`, skipped for the usual text that has nothing to escape (twice as fast per row). */
export function visible(text: string): string {
  return UNSAFE.test(text) ? escapeText(text) : text;
}

/** Largest time a Date can hold (ms); index values beyond it print as unknown. */
const MAX_DATE_MS = 8.64e15;

/** Years 1970–9999 in ms: the common case, formatted without a Date (a listing prints 100,000). */
const FAST_RANGE_MS = 253402300800000;

/** ISO 8601 in UTC with seconds (`2024-05-01T10:00:00Z`), or `null` for an impossible time. */
export function isoSeconds(ms: number): string | null {
  if (ms >= 0 && ms < FAST_RANGE_MS) return civilSeconds(Math.floor(ms / 1000));
  const iso = isoMillis(ms);
  // Years 0–9999 print as 24 characters; others carry a sign and six digits.
  return iso === null ? null : iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso;
}

/** `YYYY-MM-DDThh:mm:ssZ` of seconds since 1970 (days → civil date as in H. Hinnant's algorithm). */
function civilSeconds(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(rest / 3600);
  const mm = Math.floor((rest % 3600) / 60);
  return `${year}-${two(month)}-${two(day)}T${two(hh)}:${two(mm)}:${two(rest % 60)}Z`;
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** ISO 8601 with milliseconds, or `null` for an impossible time (JSON output). */
export function isoMillis(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

/** `Type: message` on one line, control characters made visible. */
export function exceptionCell(entry: IndexEntry): string {
  const message = entry.message === '' ? '' : `: ${entry.message}`;
  return visible(`${entry.type}${message}`);
}

/** `file:line` of the place (a `file://` URL shown as its path), or `-`. */
export function placeCell(entry: IndexEntry): string {
  if (entry.placeFile === null) return '-';
  const file = entry.placeFile.startsWith('file://')
    ? decodeFileUrl(entry.placeFile)
    : entry.placeFile;
  return escapeText(entry.placeLine === null ? file : `${file}:${entry.placeLine}`);
}

/** The pending destinations, or `-`. */
export function pendingCell(entry: IndexEntry): string {
  return entry.pending === '' ? '-' : visible(entry.pending);
}

/** Pads or clips to exactly `width` characters (clipping ends in `…`). */
export function fit(text: string, width: number): string {
  return text.length > width ? clip(text, width) : text.padEnd(width);
}

/** Keeps the end of `text` in `width` characters (`…` first), for paths. */
export function fitStart(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  return width < 2 ? text.slice(-width) : `…${text.slice(text.length - width + 1)}`;
}

function decodeFileUrl(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url;
  }
}
