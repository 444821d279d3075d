import { types } from 'node:util';
import type { JsonValue } from '../errorinfo/ErrorInfo.ts';
import { REDACTED, type Redactor } from './redact.ts';
import { atomText, clip, isLabelled, primitiveText } from './atomText.ts';
import {
  constructorName,
  dataValue,
  mapPreview,
  setPreview,
  typedArrayInfo,
  unbox,
} from './safeReflect.ts';
import { setOwn } from '../errorinfo/jsonValueCodec.ts';

/** Bounds on the rendering of one value. */
export interface SerializeLimits {
  /** Nesting levels rendered; a variable's value is level 1. */
  maxDepth: number;
  /** Properties per object, entries per Map. */
  maxProperties: number;
  /** Items per array, Set or typed array. */
  maxArrayItems: number;
  /** Characters kept per string. */
  maxStringLength: number;
}

/** State shared by everything rendered for one exception. */
export interface RenderContext {
  /** Rendering bounds. */
  limits: SerializeLimits;
  /** Names and values to mask. */
  redactor: Redactor;
  /** Approximate JSON bytes still allowed; rendering stops adding entries at 0. */
  remaining: number;
  /** Set when the byte budget stopped the rendering. */
  truncated: boolean;
}

/** Rendering of a variable the debugger cannot read (optimised away, or before its `let`). */
export const UNAVAILABLE = '[unavailable]';

/** Renders up to `limit` of `keys` of `target` (not a Proxy) into `out`; names are redacted before values are read. */
export function renderEntries(
  target: object,
  keys: readonly string[],
  ctx: RenderContext,
  out: Record<string, JsonValue>,
  depth: number,
  ancestors: object[],
  limit = ctx.limits.maxProperties,
): void {
  let shown = 0;
  for (const key of keys) {
    if (shown >= limit) {
      out['…'] = `+${keys.length - shown} more`;
      return;
    }
    if (ctx.remaining <= 0) {
      ctx.truncated = true;
      return;
    }
    shown++;
    ctx.remaining -= key.length + 4;
    if (ctx.redactor.isSecretName(key)) {
      setOwn(out, key, REDACTED);
      continue;
    }
    let desc: PropertyDescriptor | undefined;
    try {
      desc = Object.getOwnPropertyDescriptor(target, key);
    } catch {
      // A scope variable V8 optimised away or still in its temporal dead zone.
      setOwn(out, key, UNAVAILABLE);
      continue;
    }
    if (desc === undefined) continue;
    if ('value' in desc) setOwn(out, key, renderValue(desc.value, ctx, depth, ancestors));
    else setOwn(out, key, desc.get ? (desc.set ? '[Getter/Setter]' : '[Getter]') : '[Setter]');
  }
}

function renderItems(
  items: readonly unknown[],
  total: number,
  ctx: RenderContext,
  depth: number,
  ancestors: object[],
): JsonValue[] {
  const out: JsonValue[] = [];
  for (const item of items) {
    if (ctx.remaining <= 0) {
      ctx.truncated = true;
      return out;
    }
    out.push(renderValue(item, ctx, depth, ancestors));
  }
  if (total > items.length) out.push(`… +${total - items.length} more`);
  return out;
}

function arrayItems(array: object, count: number): unknown[] {
  const items: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const desc = Object.getOwnPropertyDescriptor(array, i);
    items.push(
      desc === undefined
        ? '<empty>'
        : 'value' in desc
          ? desc.value
          : desc.get
            ? '[Getter]'
            : '[Setter]',
    );
  }
  return items;
}

function renderContainer(
  value: object,
  ctx: RenderContext,
  depth: number,
  ancestors: object[],
  name: string | null,
): JsonValue {
  const { maxDepth, maxArrayItems, maxProperties } = ctx.limits;
  if (Array.isArray(value) || types.isArgumentsObject(value)) {
    const raw = dataValue(value, 'length');
    const length = typeof raw === 'number' ? raw : 0;
    if (depth > maxDepth) return `${Array.isArray(value) ? 'Array' : 'Arguments'}(${length}) […]`;
    const items = arrayItems(value, Math.min(length, maxArrayItems));
    return renderItems(items, length, ctx, depth + 1, ancestors);
  }
  if (types.isTypedArray(value)) {
    const [tag, length] = typedArrayInfo(value);
    const type = `${name ?? tag}(${length})`;
    if (depth > maxDepth) return type;
    const items = Array.from(
      { length: Math.min(length, maxArrayItems) },
      (_, i) => (value as unknown as ArrayLike<unknown>)[i],
    );
    return {
      '[[Type]]': type,
      '[[Values]]': renderItems(items, length, ctx, depth + 1, ancestors),
    };
  }
  if (types.isMap(value)) {
    const [size, entries] = mapPreview(value, depth > maxDepth ? 0 : maxProperties);
    if (depth > maxDepth) return `Map(${size}) {…}`;
    const pairs = entries.map(([k, v]) => [
      k,
      typeof k === 'string' && ctx.redactor.isSecretName(k) ? REDACTED : v,
    ]);
    return {
      '[[Type]]': `Map(${size})`,
      '[[Entries]]': renderItems(pairs, size, ctx, depth + 1, ancestors),
    };
  }
  if (types.isSet(value)) {
    const [size, values] = setPreview(value, depth > maxDepth ? 0 : maxArrayItems);
    if (depth > maxDepth) return `Set(${size}) {…}`;
    return {
      '[[Type]]': `Set(${size})`,
      '[[Values]]': renderItems(values, size, ctx, depth + 1, ancestors),
    };
  }
  const type = name === null ? 'Object: null prototype' : name;
  if (depth > maxDepth) return type === 'Object' ? '{…}' : `${type} {…}`;
  const out: Record<string, JsonValue> = type === 'Object' ? {} : { '[[Type]]': type };
  renderEntries(value, Object.keys(value), ctx, out, depth + 1, ancestors);
  return out;
}

function renderObject(
  value: object,
  ctx: RenderContext,
  depth: number,
  ancestors: object[],
): JsonValue {
  if (types.isProxy(value)) return '[Proxy]';
  if (ancestors.includes(value)) return '[Circular]';
  // Fast path for most locals: plain objects and arrays need none of the type checks below.
  const proto: unknown = Object.getPrototypeOf(value);
  const plain = (proto === Object.prototype || proto === Array.prototype) && !isLabelled(value);
  let name: string | null = 'Object';
  if (!plain) {
    const atom = atomText(value);
    if (atom !== null) return clip(atom, ctx.limits.maxStringLength);
    if (types.isBoxedPrimitive(value)) {
      const inner = renderValue(unbox(value), ctx, depth, ancestors);
      return `[${constructorName(value) ?? 'Object'}: ${typeof inner === 'string' ? inner : JSON.stringify(inner)}]`;
    }
    name = constructorName(value);
  }
  ancestors.push(value);
  try {
    return renderContainer(value, ctx, depth, ancestors, name);
  } finally {
    ancestors.pop();
  }
}

/** Renders any JavaScript value as JSON without invoking getters, Proxy traps or user methods (see the rendering table in DESIGN notes). */
export function renderValue(
  value: unknown,
  ctx: RenderContext,
  depth = 1,
  ancestors: object[] = [],
): JsonValue {
  let out: JsonValue;
  switch (typeof value) {
    case 'string':
      out = ctx.redactor.isSecretValue(value) ? REDACTED : clip(value, ctx.limits.maxStringLength);
      break;
    case 'number':
      out = Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : String(value);
      break;
    case 'boolean':
      out = value;
      break;
    case 'undefined':
    case 'bigint':
    case 'symbol':
      out = clip(primitiveText(value), ctx.limits.maxStringLength);
      break;
    default:
      out = value === null ? null : renderObject(value as object, ctx, depth, ancestors);
  }
  ctx.remaining -=
    typeof out === 'string' ? out.length + 2 : typeof out === 'object' && out !== null ? 2 : 6;
  return out;
}
