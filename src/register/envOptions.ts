import path from 'node:path';
import type { ErrOptions } from '../err/ErrOptions.ts';

/** The environment as `process.env` holds it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Options read from the environment, and one warning per variable that was set to an invalid value. */
export interface EnvOptions {
  /** Only the options the environment sets, plus `catchAll` (on unless `ERR_CATCH_ALL` turns it off). */
  options: ErrOptions;
  /** `VARIABLE="value" is invalid: …; ignored.` for each invalid variable. */
  warnings: string[];
}

type Reader = (text: string) => { value: unknown } | { expected: string };

const choice =
  (
    choices: Readonly<Record<string, unknown>>,
    expected = Object.keys(choices).join(', '),
  ): Reader =>
  text =>
    Object.hasOwn(choices, text.toLowerCase())
      ? { value: choices[text.toLowerCase()] }
      : { expected: `use ${expected}` };

const BOOLEANS = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  on: true,
  off: false,
};

const whole =
  (max: number): Reader =>
  text =>
    /^\d+$/.test(text) && Number(text) <= max
      ? { value: Number(text) }
      : { expected: `use a whole number from 0 to ${max}` };

const asText: Reader = value => ({ value });

// Environment variable → option, and how its value is read.
const ENV_OPTIONS: Readonly<Record<string, readonly [keyof ErrOptions, Reader]>> = {
  OTEL_SERVICE_NAME: ['name', asText],
  ERR_PATH: ['errorInfoPath', value => ({ value: path.resolve(value) })],
  ERR_FORMAT: ['format', choice({ basic: 'basic', terse: 'terse', extend: 'extend', none: null })],
  ERR_LOCALS: ['locals', choice({ off: 'off', uncaught: 'uncaught', all: 'all' })],
  ERR_CATCH_ALL: ['catchAll', choice(BOOLEANS, 'true or false (also 1/0, yes/no, on/off)')],
  ERR_COMPRESS: ['compress', choice({ gzip: 'gzip', none: null })],
  ERR_ROOT_DIR: ['rootDir', value => ({ value: path.resolve(value) })],
  ERR_CONTEXT_LINES: ['contextLines', whole(1000)],
  ERR_FAIL_FAST_CODE: ['failFastCode', whole(255)],
  ERR_FAIL_FAST_TIMEOUT_MS: ['failFastTimeoutMs', whole(600_000)],
};

/**
 * Reads `err.setup` options from the environment (the table is `ENV_OPTIONS`). Empty and blank values
 * count as unset, as OpenTelemetry's variables do; enumerations ignore case. Pure: warns by returning.
 */
export function envOptions(env: Env): EnvOptions {
  const options: ErrOptions = { catchAll: true };
  const warnings: string[] = [];
  for (const [variable, [option, read]] of Object.entries(ENV_OPTIONS)) {
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    const result = read(raw);
    if ('value' in result) Object.assign(options, { [option]: result.value });
    else
      warnings.push(`${variable}=${JSON.stringify(raw)} is invalid: ${result.expected}; ignored.`);
  }
  return { options, warnings };
}
