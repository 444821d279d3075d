/** An OTLP `AnyValue` as plain JSON (bytes stay base64 text; 64-bit integers become numbers). */
export type AttributeValue =
  string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** Deepest `arrayValue`/`kvlistValue` nesting decoded; deeper values become `null`. */
const MAX_DEPTH = 16;

/** The attributes of an OTLP JSON `KeyValue[]` (later duplicates win; malformed entries skipped). */
export function attributeMap(list: unknown): Map<string, AttributeValue> {
  return Array.isArray(list)
    ? attributeMapAt(list as unknown[], 0)
    : new Map<string, AttributeValue>();
}

/** A string attribute, or `null`. */
export function stringAttribute(map: Map<string, AttributeValue>, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' ? value : null;
}

/** An integer attribute (from `intValue` or an integral `doubleValue`), or `null`. */
export function integerAttribute(map: Map<string, AttributeValue>, key: string): number | null {
  const value = map.get(key);
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function anyValue(value: unknown, depth: number): AttributeValue {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (v.intValue !== undefined) return integer(v.intValue);
  if (typeof v.doubleValue === 'number') return v.doubleValue;
  if (typeof v.doubleValue === 'string') return finite(Number(v.doubleValue));
  if (typeof v.bytesValue === 'string') return v.bytesValue;
  const array = (v.arrayValue as { values?: unknown } | undefined)?.values;
  if (Array.isArray(array)) return (array as unknown[]).map(item => anyValue(item, depth + 1));
  const kvlist = (v.kvlistValue as { values?: unknown } | undefined)?.values;
  if (Array.isArray(kvlist)) {
    const object: Record<string, AttributeValue> = {};
    for (const [key, inner] of attributeMapAt(kvlist, depth + 1)) object[key] = inner;
    return object;
  }
  return null;
}

function attributeMapAt(list: unknown[], depth: number): Map<string, AttributeValue> {
  const map = new Map<string, AttributeValue>();
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const { key, value } = item as { key?: unknown; value?: unknown };
    if (typeof key === 'string') map.set(key, anyValue(value, depth));
  }
  return map;
}

function integer(value: unknown): number | null {
  const number = typeof value === 'string' && /^-?\d{1,20}$/.test(value) ? Number(value) : value;
  return typeof number === 'number' ? finite(number) : null;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
