// ISO 8601 calendar date-times with an explicit offset, extended (`2024-05-01T12:30:00.123+02:00`)
// or basic (`20240501T123000Z`) format, never mixed. Seconds and fraction are optional; the
// fraction takes `.` or `,` and any number of digits (truncated to milliseconds, Date's precision).
// Years are 4 digits or the ±6-digit expanded form `toISOString()` writes outside 0000–9999.
// The schema's `dateTime` pattern is the same grammar: keep the two in sync.
const YEAR = '([+-]\\d{6}|\\d{4})';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[12]\\d|3[01])';
const HOUR = '([01]\\d|2[0-3])';
const MINUTE = '([0-5]\\d)';
const FRACTION = '(?:[.,](\\d+))?';
const ZONE = (sep: string): string => `([Zz]|([+-])${HOUR}(?:${sep}${MINUTE})?)`;
const EXTENDED = new RegExp(
  `^${YEAR}-${MONTH}-${DAY}[Tt]${HOUR}:${MINUTE}(?::${MINUTE}${FRACTION})?${ZONE(':')}$`,
);
const BASIC = new RegExp(
  `^${YEAR}${MONTH}${DAY}[Tt]${HOUR}${MINUTE}(?:${MINUTE}${FRACTION})?${ZONE('')}$`,
);

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an ISO 8601 date-time that carries a zone (`Z` or an offset); `null` for anything else,
 * including impossible days (`02-30`), leap seconds and instants outside Date's range.
 */
export function parseIsoDateTime(text: string): Date | null {
  const m = EXTENDED.exec(text) ?? BASIC.exec(text);
  if (m === null) return null;
  const [, yearText = '', mo, d, h, mi, s, fraction = '', zone = '', sign, zh, zm] = m;
  // ECMAScript forbids -000000; ISO 8601 writes year zero as 0000 or +000000.
  if (yearText === '-000000') return null;
  const year = Number(yearText);
  const month = Number(mo);
  const day = Number(d);
  if (day > daysInMonth(year, month)) return null;
  const millis = fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offsetMinutes =
    zone.toUpperCase() === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm ?? 0));
  // Day arithmetic instead of Date.UTC: it maps years 0–99 to 19xx and clips before the offset applies.
  const time =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    (Number(h) * 60 + Number(mi) - offsetMinutes) * MS_PER_MINUTE +
    Number(s ?? 0) * 1000 +
    millis;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date;
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
