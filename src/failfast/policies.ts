import type { ErrorInfo } from '../errorinfo/ErrorInfo.ts';
import type { FailFastCheck } from './FailFastPolicy.ts';

/** A built-in policy: a `check` that says what it is when logged. */
type DescribedCheck = FailFastCheck & { toString(): string };

/** A class that `instanceof` can test against (any Error subclass). */
export type ErrorClass = abstract new (...args: never[]) => unknown;

/** Options of `failFastOn`. */
export interface FailFastOnOptions {
  /**
   * Only when the report's message (`info.exception.message`) matches: a RegExp (its `g`/`y` flags are
   * ignored, so matching has no state) or a substring. Default: any message.
   */
  message?: RegExp | string;
}

/** How far up a prototype chain a class name is looked for (real hierarchies are a few levels deep). */
const MAX_PROTOTYPE_DEPTH = 32;

/** A policy that stops the process on every processed error. */
export function failFastAlways(): DescribedCheck {
  return { check: () => true, toString: () => 'failFastAlways()' };
}

/** A policy that never stops the process (a placeholder that keeps a policy list explicit). */
export function failFastNever(): DescribedCheck {
  return { check: () => false, toString: () => 'failFastNever()' };
}

/**
 * A policy that stops the process on errors of one type: a class (matched with `instanceof`, so subclasses
 * match too, unlike Gufo Err's exact match) or a name (matched against the report's type, the error's `name`
 * and the class names along its prototype chain, so it also works across realms and for classes you cannot
 * import), optionally only when the message matches.
 */
export function failFastOn(
  type: ErrorClass | string,
  options: FailFastOnOptions = {},
): DescribedCheck {
  if (typeof type !== 'function' && (typeof type !== 'string' || type === '')) {
    throw new TypeError(
      `failFastOn(type): type must be an Error class or a non-empty type name, not ${String(type)}.`,
    );
  }
  const message = options.message;
  if (message !== undefined && typeof message !== 'string' && !(message instanceof RegExp)) {
    throw new TypeError(
      `failFastOn(type, { message }): message must be a RegExp or a string, not ${String(message)}.`,
    );
  }
  const matchesMessage = messageMatcher(message);
  const matchesType =
    typeof type === 'string'
      ? (error: unknown, info: ErrorInfo) => hasTypeName(error, info, type)
      : (error: unknown) => error instanceof type;
  const label = typeof type === 'string' ? JSON.stringify(type) : type.name || 'class';
  return {
    check: (error, info) => matchesType(error, info) && matchesMessage(info.exception.message),
    toString: () => `failFastOn(${label}${message === undefined ? '' : `, ${String(message)}`})`,
  };
}

function messageMatcher(message: RegExp | string | undefined): (text: string) => boolean {
  if (message === undefined) return () => true;
  if (typeof message === 'string') return text => text.includes(message);
  const stateless = new RegExp(message.source, message.flags.replace(/[gy]/g, ''));
  return text => stateless.test(text);
}

function hasTypeName(error: unknown, info: ErrorInfo, name: string): boolean {
  if (info.exception.type === name) return true;
  if ((typeof error !== 'object' && typeof error !== 'function') || error === null) return false;
  try {
    if ((error as { name?: unknown }).name === name) return true;
    let prototype = Object.getPrototypeOf(error) as object | null;
    for (let depth = 0; prototype !== null && depth < MAX_PROTOTYPE_DEPTH; depth++) {
      const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')
        ?.value as unknown;
      if (typeof constructor === 'function' && constructor.name === name) return true;
      prototype = Object.getPrototypeOf(prototype) as object | null;
    }
  } catch {
    // A throwing getter or proxy trap: only the report's type could be compared.
  }
  return false;
}
