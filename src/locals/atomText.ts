import { types } from 'node:util';
import {
  byteLength,
  constructorName,
  dataValue,
  dateText,
  functionName,
  inheritedDataValue,
  isClass,
  regExpText,
  symbolText,
} from './safeReflect.ts';

const labels = new WeakMap<object, string>();

// Beyond this a BigInt's decimal text costs more than it tells.
const BIGINT_LIMIT = 10n ** 300n;

/** Renders `target` as `label` instead of its contents (internals such as the collector itself). */
export function renderAs(target: object, label: string): void {
  labels.set(target, label);
}

/** Whether `target` has a label of its own, or is one of the objects always shown by name. */
export function isLabelled(target: object): boolean {
  return labels.has(target) || target === process.env || target === globalThis;
}

/** Cuts a string to `max` characters (never inside a surrogate pair) and says how much was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}…[+${text.length - end} chars]`;
}

function functionText(fn: (...args: never[]) => unknown): string {
  const name = functionName(fn);
  if (isClass(fn)) return `[class ${name || '(anonymous)'}]`;
  const generator = types.isGeneratorFunction(fn) ? 'Generator' : '';
  const kind = `${types.isAsyncFunction(fn) ? 'Async' : ''}${generator}Function`;
  return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
}

/** The one-string rendering of a primitive other than a string, number or boolean. */
export function primitiveText(value: bigint | symbol | undefined): string {
  if (typeof value === 'bigint') {
    return value > BIGINT_LIMIT || value < -BIGINT_LIMIT
      ? '[BigInt: more than 300 digits]'
      : `${value}n`;
  }
  return typeof value === 'symbol' ? symbolText(value) : 'undefined';
}

/**
 * The one-string rendering of an object or function shown without its contents: functions,
 * labelled internals, errors, dates, regexps, buffers and opaque built-ins. `null` for containers
 * (plain objects, class instances, arrays, Maps, Sets, typed arrays). The caller rules out Proxies.
 */
export function atomText(value: object): string | null {
  if (typeof value === 'function') return functionText(value as (...args: never[]) => unknown);
  const label = labels.get(value);
  if (label !== undefined) return label;
  if (value === process.env) return '[process.env]';
  if (value === globalThis) return '[globalThis]';
  if (types.isNativeError(value)) {
    const name = inheritedDataValue(value, 'name');
    const message = dataValue(value, 'message');
    return `[${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message : ''}]`;
  }
  if (types.isDate(value)) return dateText(value);
  if (types.isRegExp(value)) return regExpText(value);
  if (types.isPromise(value)) return '[Promise]';
  if (types.isWeakMap(value)) return '[WeakMap]';
  if (types.isWeakSet(value)) return '[WeakSet]';
  if (types.isModuleNamespaceObject(value)) return '[Module]';
  if (types.isGeneratorObject(value)) return '[Generator]';
  if (types.isMapIterator(value)) return '[Map Iterator]';
  if (types.isSetIterator(value)) return '[Set Iterator]';
  if (types.isExternal(value)) return '[External]';
  if (types.isArrayBuffer(value) || types.isSharedArrayBuffer(value) || types.isDataView(value)) {
    return `${constructorName(value) ?? 'ArrayBuffer'}(${byteLength(value)})`;
  }
  return null;
}
