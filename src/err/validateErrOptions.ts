import { isFailFastPolicy } from '../failfast/FailFastPolicy.ts';
import { isCatchableSignal } from '../failfast/gracefulSignals.ts';
import type { ErrOptions } from './ErrOptions.ts';

type Check = (value: unknown) => boolean;

const isString: Check = value => typeof value === 'string' && value !== '';
const isBoolean: Check = value => typeof value === 'boolean';
const isCount: Check = value => Number.isInteger(value) && (value as number) >= 0;
const isFunction: Check = value => typeof value === 'function';
const isPatterns: Check = value =>
  Array.isArray(value) && value.every(item => typeof item === 'string' || item instanceof RegExp);
const oneOf =
  (...choices: unknown[]): Check =>
  value =>
    choices.includes(value);
const isFormatter: Check = value =>
  oneOf('basic', 'terse', 'extend', null)(value) ||
  isFunction(value) ||
  (typeof value === 'object' &&
    value !== null &&
    isFunction((value as { format?: unknown }).format));
const isMiddlewareList: Check = value =>
  Array.isArray(value) &&
  value.every(
    item =>
      isFunction(item) ||
      (typeof item === 'object' &&
        item !== null &&
        isFunction((item as { process?: unknown }).process)),
  );
const isSpanProcessors: Check = value =>
  Array.isArray(value) &&
  value.every(
    item =>
      typeof item === 'object' &&
      item !== null &&
      ['onStart', 'onEnd', 'forceFlush', 'shutdown'].every(method =>
        isFunction((item as Record<string, unknown>)[method]),
      ),
  );
const isPolicies: Check = value =>
  isFailFastPolicy(value) || (Array.isArray(value) && value.every(isFailFastPolicy));
const isSignals: Check = value =>
  value === false || (Array.isArray(value) && value.every(isCatchableSignal));
const isRedact: Check = value => isBoolean(value) || (typeof value === 'object' && value !== null);

const RULES: Record<keyof ErrOptions, readonly [Check, string]> = {
  name: [isString, 'a non-empty string'],
  version: [isString, 'a non-empty string'],
  catchAll: [isBoolean, 'true or false'],
  format: [
    isFormatter,
    "'basic', 'terse', 'extend', a function, an object with format(info), or null",
  ],
  errorInfoPath: [value => value === null || isString(value), 'a directory path or null'],
  compress: [oneOf('gzip', null), "'gzip' or null"],
  locals: [oneOf('off', 'uncaught', 'all'), "'off', 'uncaught' or 'all'"],
  redact: [isRedact, 'true, false or { names, values } patterns'],
  middleware: [isMiddlewareList, 'an array of functions or objects with process(info)'],
  rootDir: [isString, 'a directory path'],
  rootModule: [isString, 'a non-empty string'],
  include: [isPatterns, 'an array of strings and RegExps'],
  exclude: [isPatterns, 'an array of strings and RegExps'],
  contextLines: [isCount, 'a whole number ≥ 0'],
  fingerprintParts: [isFunction, 'a function (parts, info) => parts'],
  fingerprintIncludesVersion: [isBoolean, 'true or false'],
  stackTraceLimit: [isCount, 'a whole number ≥ 0'],
  failFast: [
    isPolicies,
    'a policy (a function (error, info) => boolean or an object with check(error, info)) or an array of them',
  ],
  failFastOnSpans: [isBoolean, 'true or false'],
  gracefulSignals: [
    isSignals,
    "false or an array of signal names such as ['SIGTERM', 'SIGINT'] (not SIGKILL or SIGSTOP)",
  ],
  failFastCode: [
    value => isCount(value) && (value as number) <= 255,
    'a whole number from 0 to 255',
  ],
  // Node's timers take at most 2^31 - 1 ms; a longer delay would fire at once (TimeoutOverflowWarning).
  failFastTimeoutMs: [
    value => isCount(value) && (value as number) <= 2 ** 31 - 1,
    'a whole number of milliseconds from 0 to 2147483647',
  ],
  spanProcessors: [
    isSpanProcessors,
    'an array of span processors (onStart, onEnd, forceFlush, shutdown)',
  ],
};

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  try {
    return String(JSON.stringify(value) ?? value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Checks `err.setup` options before anything is installed: an unknown name or a bad value is a `TypeError`
 * that names the option, shows the value and says what fits.
 */
export function validateErrOptions(options: unknown): ErrOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`err.setup(options): options must be an object, not ${show(options)}.`);
  }
  for (const [key, value] of Object.entries(options)) {
    const rule = RULES[key as keyof ErrOptions] as (typeof RULES)[keyof ErrOptions] | undefined;
    if (rule === undefined) {
      throw new TypeError(
        `Invalid option \`${key}\` of err.setup(). Valid options: ${Object.keys(RULES).join(', ')}.`,
      );
    }
    if (value !== undefined && !rule[0](value)) {
      throw new TypeError(
        `Invalid option \`${key}: ${show(value)}\` of err.setup(). It must be ${rule[1]}.`,
      );
    }
  }
  return options;
}
