import type { JsonValue } from './ErrorInfo.ts';
import { type CodecContext, type FieldCodec, fail, failWith, isRecord } from './fieldCodec.ts';

/** Deepest nesting of arrays/objects accepted inside one JSON field (locals, resource, extra). */
export const MAX_JSON_DEPTH = 64;

/**
 * A JSON object (the root of `locals`, `resource`, `extra`), copied: finite numbers only, `-0`
 * written as `0`, plain objects and arrays only.
 */
export const jsonObject: FieldCodec<Record<string, JsonValue>> = symmetric('an object', isRecord);

/** Copies one JSON value; exported for the top level, which moves unknown fields into `extra`. */
export function copyJson(value: unknown, ctx: CodecContext, depth: number): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) failWith(ctx, 'expected a finite number', value);
      return value + 0; // -0 + 0 is +0: JSON.stringify writes -0 as 0, so the document form agrees
    case 'object':
      if (value === null) return null;
      // Bounds the recursion on hostile or cyclic input.
      if (depth >= MAX_JSON_DEPTH) fail(ctx, `nested deeper than ${MAX_JSON_DEPTH} levels`);
      return Array.isArray(value) ? copyArray(value, ctx, depth) : copyObject(value, ctx, depth);
    default:
      return failWith(ctx, 'expected a JSON value', value);
  }
}

function copyArray(value: unknown[], ctx: CodecContext, depth: number): JsonValue[] {
  const out = new Array<JsonValue>(value.length);
  for (let i = 0; i < value.length; i++) {
    ctx.path.push(i);
    out[i] = copyJson(value[i], ctx, depth + 1);
    ctx.path.pop();
  }
  return out;
}

function copyObject(value: object, ctx: CodecContext, depth: number): Record<string, JsonValue> {
  const proto = Object.getPrototypeOf(value) as unknown;
  // A Date, Map or class instance would change shape (or throw) in JSON.stringify.
  if (proto !== Object.prototype && proto !== null) {
    failWith(ctx, 'expected a plain object (JSON)', value);
  }
  const out: Record<string, JsonValue> = {};
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    ctx.path.push(key);
    setOwn(out, key, copyJson(record[key], ctx, depth + 1));
    ctx.path.pop();
  }
  return out;
}

/** Sets an own property, even for the key `__proto__` (which plain assignment turns into a prototype change). */
export function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

function symmetric<T extends JsonValue>(
  expected: string,
  accepts: (value: unknown) => boolean,
): FieldCodec<T> {
  const copy = (value: unknown, ctx: CodecContext): T =>
    accepts(value) ? (copyJson(value, ctx, 0) as T) : failWith(ctx, `expected ${expected}`, value);
  return { expected, accepts, encode: copy, decode: copy };
}
