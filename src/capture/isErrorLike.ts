import { types } from 'node:util';
import { readOnce, type PropertyReader } from './safeGet.ts';

/** A brand check: true only for objects with V8's error internal slot, whatever their realm. */
type BrandCheck = (value: unknown) => boolean;

/**
 * Picks the brand check for this runtime: `Error.isError` (Node >= 24; DEP0197 deprecates the
 * other) else `util.types.isNativeError` (Node 22). Both are true across realms (`vm`), false for
 * Proxies, and run no user code. Exported only for tests.
 */
export function selectBrandCheck(isError: unknown): BrandCheck {
  return typeof isError === 'function' ? (isError as BrandCheck) : types.isNativeError;
}

const hasErrorBrand = selectBrandCheck((Error as { isError?: unknown }).isError);

/**
 * Whether `value` is an error: a real Error of any realm (brand check, no property read), or an
 * object shaped like one, with string `name`, `message` and `stack`. The shape rule catches what
 * the brand misses: pre-class errors (`Object.create(Error.prototype)` + `captureStackTrace`),
 * Node 22's DOMException, errors rebuilt from JSON or proxied. Pass `read` (a `readOnce`) to share
 * property reads with the caller, so no getter runs twice.
 */
export function isErrorLike(value: unknown, read: PropertyReader = readOnce(value)): boolean {
  if (hasErrorBrand(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  return (
    typeof read('name') === 'string' &&
    typeof read('message') === 'string' &&
    typeof read('stack') === 'string'
  );
}
