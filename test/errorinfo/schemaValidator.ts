import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schemaUrl = new URL('../../schema/errorinfo.schema.json', import.meta.url);

/** The shipped schema, parsed. */
export const errorInfoSchema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as Record<
  string,
  unknown
>;

// strict: unknown keywords, union types or misplaced keywords in the schema fail compilation.
const ajv = new Ajv2020({ strict: true, allErrors: false });

/** Validates a document against the shipped schema; `errors` holds ajv's report after a failure. */
export const validateErrorInfo = ajv.compile(errorInfoSchema);
