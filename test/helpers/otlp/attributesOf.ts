import type { OtlpAnyValue, OtlpKeyValue } from './otlpTypes.ts';

/** A plain JavaScript value of an OTLP attribute value (`intValue` strings beyond 2^53 stay strings). */
export type PlainValue =
  string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/** OTLP attributes as a plain object: `{ 'exception.type': 'TypeError', … }`. */
export function attributesOf(
  attributes: readonly OtlpKeyValue[] | undefined,
): Record<string, PlainValue> {
  const result: Record<string, PlainValue> = {};
  for (const { key, value } of attributes ?? []) result[key] = plainValue(value);
  return result;
}

/** One OTLP value as a plain value; an empty value is `null`. */
export function plainValue(value: OtlpAnyValue | undefined): PlainValue {
  if (value === undefined) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) {
    return typeof value.intValue === 'string' && Number.isSafeInteger(Number(value.intValue))
      ? Number(value.intValue)
      : value.intValue;
  }
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(plainValue);
  if (value.kvlistValue !== undefined) return attributesOf(value.kvlistValue.values);
  return null;
}

/** `value` when it is a string; throws otherwise (for assertions on attribute values). */
export function stringOf(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`expected a string, got ${typeof value}`);
  return value;
}
