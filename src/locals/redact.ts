/** What a redacted value is replaced with. */
export const REDACTED = '<redacted>';

/**
 * Name fragments that mark a secret. A name matches when its normalised form (lower case, with
 * `_`, `-`, `.` and spaces removed: `X-Api-Key` → `xapikey`) contains one of them.
 */
export const DEFAULT_SECRET_NAME_PATTERNS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'authorization',
  'bearer',
  'cookie',
  'session',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'creditcard',
  'cardnumber',
  'cvv',
  'jwt',
  'signature',
]);

/** Shapes of credential strings, masked whatever their name: bearer/basic headers, JWTs, PEM keys, well-known token prefixes. */
export const DEFAULT_SECRET_VALUE_PATTERNS: readonly RegExp[] = Object.freeze([
  /^\s*(?:bearer|basic|token)\s+\S{8,}/i,
  /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{5,}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\b(?:sk|rk|pk)_(?:live|test)_[0-9a-zA-Z]{10,}/,
  /\bsk-[A-Za-z0-9_-]{20,}/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
]);

/** How names and values are redacted. */
export interface RedactOptions {
  /** Extra name patterns: strings match the normalised name as a fragment, RegExps test the raw name. Default: none. */
  names?: readonly (string | RegExp)[];
  /** Use only `names`, dropping `DEFAULT_SECRET_NAME_PATTERNS`. Default `false`. */
  replaceDefaults?: boolean;
  /** Also mask strings shaped like credentials (`DEFAULT_SECRET_VALUE_PATTERNS`). Default `true`. */
  values?: boolean;
}

/** A compiled redaction policy. */
export interface Redactor {
  /** Whether a variable or property name marks a secret (fails closed: a throwing pattern counts as a match). */
  isSecretName: (name: string) => boolean;
  /** Whether a string value looks like a credential. */
  isSecretValue: (value: string) => boolean;
}

// Values are only scanned this far: a credential sits at the start of a header or a field.
const VALUE_SCAN_LIMIT = 4096;
// No default value pattern matches fewer characters.
const VALUE_MIN_LENGTH = 15;
// Names repeat (the same variables, the same keys): remember this many verdicts.
const NAME_CACHE_SIZE = 2048;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, '');
}

// A user's `g`/`y` RegExp keeps `lastIndex` between calls; start every test from the beginning.
function testRegExp(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function nameMatcher(patterns: readonly (string | RegExp)[]): (name: string) => boolean {
  const fragments = patterns.filter(p => typeof p === 'string').map(normalise);
  const regExps = patterns.filter(p => typeof p !== 'string');
  return name => {
    try {
      const normal = normalise(name);
      return fragments.some(f => normal.includes(f)) || regExps.some(r => testRegExp(r, name));
    } catch {
      return true;
    }
  };
}

function valueMatcher(patterns: readonly RegExp[]): (value: string) => boolean {
  return value => {
    if (value.length < VALUE_MIN_LENGTH) return false;
    try {
      const head = value.length > VALUE_SCAN_LIMIT ? value.slice(0, VALUE_SCAN_LIMIT) : value;
      return patterns.some(p => testRegExp(p, head));
    } catch {
      return true;
    }
  };
}

/** Whether a name marks a secret under the given patterns (default `DEFAULT_SECRET_NAME_PATTERNS`). */
export function isSecretName(
  name: string,
  patterns: readonly (string | RegExp)[] = DEFAULT_SECRET_NAME_PATTERNS,
): boolean {
  return nameMatcher(patterns)(name);
}

/** Whether a string looks like a credential under the given patterns (default `DEFAULT_SECRET_VALUE_PATTERNS`). */
export function isSecretValue(
  value: string,
  patterns: readonly RegExp[] = DEFAULT_SECRET_VALUE_PATTERNS,
): boolean {
  return valueMatcher(patterns)(value);
}

/** Builds a redactor: `true` → the defaults, `false` → nothing is masked, an object → see `RedactOptions`. */
export function createRedactor(options: boolean | RedactOptions = true): Redactor {
  if (options === false) return { isSecretName: () => false, isSecretValue: () => false };
  const opts = options === true ? {} : options;
  const matchName = nameMatcher(
    opts.replaceDefaults
      ? (opts.names ?? [])
      : [...DEFAULT_SECRET_NAME_PATTERNS, ...(opts.names ?? [])],
  );
  const cache = new Map<string, boolean>();
  const matchValue = valueMatcher(DEFAULT_SECRET_VALUE_PATTERNS);
  const values = opts.values ?? true;
  return {
    isSecretName: name => {
      let verdict = cache.get(name);
      if (verdict === undefined) {
        verdict = matchName(name);
        if (cache.size >= NAME_CACHE_SIZE) cache.clear();
        cache.set(name, verdict);
      }
      return verdict;
    },
    isSecretValue: value => values && matchValue(value),
  };
}
