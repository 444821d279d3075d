import type { JsonValue } from '../../src/errorinfo/ErrorInfo.ts';
import { REDACTED, type Redactor } from '../../src/locals/redact.ts';
import { setOwn } from '../../src/errorinfo/jsonValueCodec.ts';

// Locals are bounded at capture; reports rebuilt from attributes or files are not, and a deeply
// nested JSON value must not overflow the stack of the exporting thread.
const MAX_DEPTH = 24;
const DEPTH_MARKER = '[depth limit]';

/**
 * A copy of `value` where entries with a secret name and strings shaped like credentials are
 * replaced by `REDACTED`, and nesting below 24 levels by a marker. The input is not modified.
 */
export function redactJson(value: JsonValue, redactor: Redactor, depth = 0): JsonValue {
  if (typeof value === 'string') return redactor.isSecretValue(value) ? REDACTED : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return DEPTH_MARKER;
  if (Array.isArray(value)) return value.map(item => redactJson(item, redactor, depth + 1));
  return redactRecord(value, redactor, depth);
}

/** `redactJson` for an object of named values (locals, `extra`, resource attributes). */
export function redactRecord(
  record: Readonly<Record<string, JsonValue>>,
  redactor: Redactor,
  depth = 0,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(record)) {
    setOwn(out, key, redactor.isSecretName(key) ? REDACTED : redactJson(item, redactor, depth + 1));
  }
  return out;
}
