import type { ThrownKind } from './ErrorInfo.ts';
import { type FieldCodec, failWith, leaf } from './fieldCodec.ts';
import { parseIsoDateTime } from './isoDateTime.ts';

/** Any string (empty, NUL and lone surrogates included: JSON escapes them). */
export const string = leaf('a string', value => (typeof value === 'string' ? value : undefined));

/** `true` or `false`. */
export const boolean = leaf('a boolean', value => (typeof value === 'boolean' ? value : undefined));

/** A finite number. */
export const finiteNumber = leaf('a finite number', value =>
  typeof value === 'number' && Number.isFinite(value) ? value + 0 : undefined,
);

/** A position, index, count or pid: a safe integer >= 0 (0 is kept: V8 prints column 0). */
export const nonNegativeInteger = integerAtLeast(0);

/** An occurrence count: a safe integer >= 1. */
export const positiveInteger = integerAtLeast(1);

/** `error.code`: a string or a finite number. */
export const errorCode = leaf<string | number>('a string or a finite number', value =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
    ? value
    : undefined,
);

/** Every `ThrownKind`. */
export const THROWN_KINDS: readonly ThrownKind[] = [
  'error',
  'object',
  'string',
  'number',
  'bigint',
  'boolean',
  'symbol',
  'undefined',
  'null',
  'function',
];

/** What was thrown: one of `THROWN_KINDS`. */
export const thrownKind = leaf<ThrownKind>(`one of ${THROWN_KINDS.join(', ')}`, value =>
  THROWN_KINDS.find(kind => kind === value),
);

/** A canonical lowercase UUID (any version). */
export const uuid = matching('a lowercase UUID', /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);

/** A W3C trace id: 32 lowercase hex digits, not all zero. */
export const traceId = matching('32 lowercase hex digits, not all zero', /^(?!0{32})[0-9a-f]{32}$/);

/** A W3C span id: 16 lowercase hex digits, not all zero. */
export const spanId = matching('16 lowercase hex digits, not all zero', /^(?!0{16})[0-9a-f]{16}$/);

/** A Date ↔ an ISO 8601 string with a zone; writes `toISOString()`, reads any offset. */
export const isoDate: FieldCodec<Date> = {
  expected: 'an ISO 8601 date-time with a zone',
  accepts: value => typeof value === 'string' || value instanceof Date,
  encode: (value, ctx) =>
    value instanceof Date && !Number.isNaN(value.getTime())
      ? value.toISOString()
      : failWith(ctx, 'expected a valid Date', value),
  decode: (value, ctx) =>
    (typeof value === 'string' ? parseIsoDateTime(value) : null) ??
    failWith(ctx, 'expected an ISO 8601 date-time with a zone', value),
};

function integerAtLeast(min: number): FieldCodec<number> {
  return leaf(min === 0 ? 'a non-negative integer' : `an integer >= ${min}`, value =>
    Number.isSafeInteger(value) && (value as number) >= min ? (value as number) + 0 : undefined,
  );
}

function matching(expected: string, pattern: RegExp): FieldCodec<string> {
  return leaf(expected, value =>
    typeof value === 'string' && pattern.test(value) ? value : undefined,
  );
}
