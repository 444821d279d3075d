import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schemaUrl = new URL('../../fixtures/sentry/sentry-event.schema.json', import.meta.url);

// Relay's generated schema uses non-standard formats (`uint64`, `double`) and union types: not strict.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaUrl, 'utf8')) as object);

const EVENT_ID = /^[0-9a-f]{32}$/;

/**
 * The problems of a Sentry event against Relay's event schema (a copy of getsentry/sentry-data-schemas
 * `relay/event.schema.json`), plus the `event_id` shape the schema only names as a format; `[]` when valid.
 * The event is checked as it goes on the wire (after a JSON round trip).
 */
export function sentryEventProblems(event: unknown): string[] {
  const wire = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  const problems = validate(wire)
    ? []
    : (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message ?? ''}`);
  if (typeof wire.event_id !== 'string' || !EVENT_ID.test(wire.event_id)) {
    problems.push(`/event_id must be 32 lowercase hex digits, got ${String(wire.event_id)}`);
  }
  return problems;
}
