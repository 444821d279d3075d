/** Strings, and the non-standard number tokens Python's `json.dumps` writes outside them. */
const TOKENS = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;

/**
 * `JSON.parse` that also reads `NaN`, `Infinity` and `-Infinity` outside strings, as `null`:
 * Gufo Err 1.0 (Python `json.dumps` defaults) writes them for float locals. Throws `SyntaxError`.
 */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    return JSON.parse(text.replace(TOKENS, token => (token.startsWith('"') ? token : 'null')));
  }
}
