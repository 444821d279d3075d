import { ErrorInfoFormatError } from './ErrorInfoFormatError.ts';

/**
 * Where a codec is working, for error messages. Segments are pushed and popped around each field;
 * a failure aborts the whole call, so a throw needs no unwinding.
 */
export interface CodecContext {
  /** Keys and array indexes from the document root. */
  readonly path: (string | number)[];
  /** How many chained exceptions (`cause` / `errors[i]`) enclose the current one. */
  chainDepth: number;
}

/** One field type, with the same rules in both directions so that every written document reads back. */
export interface FieldCodec<T> {
  /** What a valid value looks like, for messages: `'a string'`, `'a non-negative integer'`. */
  readonly expected: string;
  /** Whether the value has the right type at the top (its contents unchecked); for messages. */
  accepts(value: unknown): boolean;
  /** Model value → document value; throws `ErrorInfoFormatError` when the model breaks the rules. */
  encode(value: unknown, ctx: CodecContext): unknown;
  /** Document value → model value; throws `ErrorInfoFormatError` naming the first bad field. */
  decode(value: unknown, ctx: CodecContext): T;
}

/** How an object field behaves when absent (or `undefined`): required, or filled with a default. */
export interface FieldSpec<O, T> {
  /** The field's type. */
  readonly codec: FieldCodec<T>;
  /** `null` for a required field; else the default, computed from the model's earlier fields. */
  readonly makeDefault: ((model: Partial<O>) => T) | null;
}

/** The field specs of a model object, in document order. */
export type ObjectSpec<O> = { readonly [K in keyof O]-?: FieldSpec<O, O[K]> };

/** A fresh context for one top-level encode or decode. */
export function newContext(): CodecContext {
  return { path: [], chainDepth: 0 };
}

/** Throws the codec's error for the current field, showing the received value. */
export function failWith(ctx: CodecContext, reason: string, received: unknown): never {
  throw new ErrorInfoFormatError(formatPath(ctx.path), reason, { received });
}

/** Throws the codec's error for the current field, without a received value. */
export function fail(ctx: CodecContext, reason: string): never {
  throw new ErrorInfoFormatError(formatPath(ctx.path), reason);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_KEY_CHARS = 40;

// ['frames', 3, 'source', 'lines', 2] → frames[3].source.lines[2]; the root is $.
function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (segment.length <= MAX_KEY_CHARS && IDENTIFIER.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      // Hostile keys can be megabytes long: the path must stay readable.
      const key = segment.length > MAX_KEY_CHARS ? `${segment.slice(0, MAX_KEY_CHARS)}…` : segment;
      out += `[${JSON.stringify(key)}]`;
    }
  }
  return out === '' ? '$' : out;
}

/** A plain key/value object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A codec that checks a value and returns it, identically in both directions. */
export function leaf<T>(
  expected: string,
  accept: (value: unknown) => T | undefined,
): FieldCodec<T> {
  const check = (value: unknown, ctx: CodecContext): T => {
    const accepted = accept(value);
    return accepted === undefined ? failWith(ctx, `expected ${expected}`, value) : accepted;
  };
  return { expected, accepts: value => accept(value) !== undefined, encode: check, decode: check };
}

/** The codec, or `null`. */
export function nullable<T>(codec: FieldCodec<T>): FieldCodec<T | null> {
  const expected = `${codec.expected} or null`;
  const accepts = (value: unknown): boolean => value === null || codec.accepts(value);
  const check = (value: unknown, ctx: CodecContext): void => {
    if (!accepts(value)) failWith(ctx, `expected ${expected}`, value);
  };
  return {
    expected,
    accepts,
    encode: (value, ctx) => (check(value, ctx), value === null ? null : codec.encode(value, ctx)),
    decode: (value, ctx) => (check(value, ctx), value === null ? null : codec.decode(value, ctx)),
  };
}

/** An array whose items all follow `codec`. */
export function arrayOf<T>(codec: FieldCodec<T>): FieldCodec<T[]> {
  const map = (value: unknown, ctx: CodecContext, decode: boolean): unknown[] => {
    if (!Array.isArray(value)) failWith(ctx, 'expected an array', value);
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      ctx.path.push(i);
      out[i] = decode ? codec.decode(value[i], ctx) : codec.encode(value[i], ctx);
      ctx.path.pop();
    }
    return out;
  };
  return {
    expected: 'an array',
    accepts: Array.isArray,
    encode: (value, ctx) => map(value, ctx, false),
    decode: (value, ctx) => map(value, ctx, true) as T[],
  };
}

/** A required field. */
export function required<T>(codec: FieldCodec<T>): { codec: FieldCodec<T>; makeDefault: null } {
  return { codec, makeDefault: null };
}

/** An optional field and its default. */
export function optional<O, T>(
  codec: FieldCodec<T>,
  makeDefault: (model: Partial<O>) => T,
): FieldSpec<O, T> {
  return { codec, makeDefault };
}

/**
 * A model object ↔ a document object with the same keys, in spec order. Keys the spec does not
 * know are dropped (a newer minor version's fields, documented as ignored below the top level).
 */
export function objectOf<O>(spec: ObjectSpec<O>): FieldCodec<O> {
  const fields = Object.entries<FieldSpec<O, unknown>>(spec);
  const map = (value: unknown, ctx: CodecContext, decode: boolean): Record<string, unknown> => {
    if (!isRecord(value)) failWith(ctx, 'expected an object', value);
    const out: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      // hasOwn, both ways: a frame without its own `constructor` flag must not read
      // Object.prototype.constructor (a function) as the flag's value.
      const raw = Object.hasOwn(value, key) ? value[key] : undefined;
      ctx.path.push(key);
      if (raw !== undefined) {
        out[key] = decode ? field.codec.decode(raw, ctx) : field.codec.encode(raw, ctx);
      } else if (field.makeDefault === null) {
        fail(ctx, 'is required');
      } else {
        const fallback = field.makeDefault((decode ? out : value) as Partial<O>);
        out[key] = decode ? fallback : field.codec.encode(fallback, ctx);
      }
      ctx.path.pop();
    }
    return out;
  };
  return {
    expected: 'an object',
    accepts: isRecord,
    encode: (value, ctx) => map(value, ctx, false),
    decode: (value, ctx) => map(value, ctx, true) as O,
  };
}

/** Defers building a codec until first use, for recursive types; `expected` and `accepts` are given up front. */
export function lazy<T>(
  expected: string,
  accepts: (value: unknown) => boolean,
  build: () => FieldCodec<T>,
): FieldCodec<T> {
  let built: FieldCodec<T> | undefined;
  const get = (): FieldCodec<T> => (built ??= build());
  return {
    expected,
    accepts,
    encode: (value, ctx) => get().encode(value, ctx),
    decode: (value, ctx) => get().decode(value, ctx),
  };
}
