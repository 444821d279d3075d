import { CliError } from './CliError.ts';
import { EXIT } from './exitCodes.ts';

const UNITS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^(\d+(?:\.\d+)?)([smhdw])$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A duration such as `90s`, `30m`, `12h`, `7d`, `2w`, in ms. Throws a `CliError` (exit 2) naming `option`. */
export function parseDuration(text: string, option: string): number {
  const match = DURATION.exec(text.trim());
  if (match === null) {
    throw new CliError(
      `invalid ${option} '${text}': expected a number and a unit s, m, h, d or w (e.g. 7d)`,
      EXIT.usage,
    );
  }
  return Number(match[1]) * UNITS[match[2]!]!;
}

/**
 * A point in time: a duration ago (`12h`, `7d`) or an ISO 8601 date or date-time (a date-time
 * without zone is UTC). Returns ms since the epoch. Throws a `CliError` (exit 2) naming `option`.
 */
export function parseWhen(text: string, option: string, now: number = Date.now()): number {
  const trimmed = text.trim();
  if (DURATION.test(trimmed)) return now - parseDuration(trimmed, option);
  if (DATE.test(trimmed)) {
    const zoned =
      /[zZ]$|[+-]\d{2}:?\d{2}$/.test(trimmed) || trimmed.length === 10 ? trimmed : `${trimmed}Z`;
    const ms = Date.parse(zoned.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return ms;
  }
  throw new CliError(
    `invalid ${option} '${text}': expected a duration (12h, 7d) or an ISO date (2024-05-01, 2024-05-01T10:00Z)`,
    EXIT.usage,
  );
}
