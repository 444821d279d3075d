import { FIELD_COUNT, KIND } from './IndexEntry.ts';

/** Element types by position: `n` integer, `s` string, `S` string or null, `N` integer or null. */
const SHAPE = 'nnnnnnnssssssSNSs';
const MAX_DIGITS = 16;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const KINDS = new Set<number>(Object.values(KIND));

/**
 * Checks, without allocating, that `buf[start, end)` is an index line exactly as `encodeIndexLine`
 * writes it (compact JSON array of the right types; strings with valid escapes and no raw control
 * characters, so `JSON.parse` of an accepted line cannot fail). Fills `bounds` with each element's
 * start and end offsets (strings with their quotes) and `numbers` with the integer elements.
 */
export function scanIndexLine(
  buf: Uint8Array,
  start: number,
  end: number,
  bounds: Int32Array,
  numbers: Float64Array,
): boolean {
  if (end - start < 2 || buf[start] !== 0x5b || buf[end - 1] !== 0x5d) return false;
  let i = start + 1;
  for (let field = 0; field < FIELD_COUNT; field++) {
    if (field > 0) {
      if (buf[i] !== COMMA) return false;
      i++;
    }
    const shape = SHAPE.charCodeAt(field);
    bounds[field * 2] = i;
    let next: number;
    if (buf[i] === 0x6e /* n */ && (shape === 0x53 || shape === 0x4e)) {
      next = isNull(buf, i, end) ? i + 4 : -1;
      numbers[field] = Number.NaN;
    } else if (shape === 0x6e || shape === 0x4e) {
      next = scanInteger(buf, i, end, numbers, field);
    } else {
      next = scanString(buf, i, end);
    }
    if (next < 0) return false;
    bounds[field * 2 + 1] = next;
    i = next;
  }
  return i === end - 1 && KINDS.has(numbers[0]!);
}

function isNull(buf: Uint8Array, i: number, end: number): boolean {
  return i + 4 <= end && buf[i + 1] === 0x75 && buf[i + 2] === 0x6c && buf[i + 3] === 0x6c;
}

function scanInteger(
  buf: Uint8Array,
  i: number,
  end: number,
  numbers: Float64Array,
  field: number,
): number {
  const negative = buf[i] === 0x2d;
  if (negative) i++;
  const first = i;
  let value = 0;
  while (i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39) value = value * 10 + (buf[i++]! - 0x30);
  const digits = i - first;
  if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && buf[first] === 0x30)) return -1;
  if (!Number.isSafeInteger(value)) return -1;
  numbers[field] = negative ? -value : value;
  return i;
}

function scanString(buf: Uint8Array, i: number, end: number): number {
  if (buf[i] !== QUOTE) return -1;
  for (i++; i < end; i++) {
    const byte = buf[i]!;
    if (byte === QUOTE) return i + 1;
    if (byte < 0x20) return -1;
    if (byte !== BACKSLASH) continue;
    const escape = buf[++i];
    if (escape === 0x75 /* u */) {
      if (i + 4 >= end) return -1;
      for (let k = 1; k <= 4; k++) if (!isHex(buf[i + k])) return -1;
      i += 4;
    } else if (escape === undefined || !'"\\/bfnrt'.includes(String.fromCharCode(escape))) {
      return -1;
    }
  }
  return -1;
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x61 && byte <= 0x66) ||
      (byte >= 0x41 && byte <= 0x46))
  );
}
