import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { validateErrOptions } from '../../src/err/validateErrOptions.ts';
import { envOptions } from '../../src/register/envOptions.ts';

describe('envOptions', () => {
  describe('an empty environment', () => {
    it('should give catch-all only', () => {
      assert.deepEqual(envOptions({}), { options: { catchAll: true }, warnings: [] });
    });
  });

  describe('valid values', () => {
    const cases: [Record<string, string>, Record<string, unknown>][] = [
      [{ OTEL_SERVICE_NAME: 'checkout' }, { name: 'checkout' }],
      [{ ERR_PATH: '/var/lib/errors' }, { errorInfoPath: '/var/lib/errors' }],
      [{ ERR_PATH: 'reports' }, { errorInfoPath: path.resolve('reports') }],
      [{ ERR_FORMAT: 'extend' }, { format: 'extend' }],
      [{ ERR_FORMAT: 'None' }, { format: null }],
      [{ ERR_LOCALS: 'ALL' }, { locals: 'all' }],
      [{ ERR_CATCH_ALL: 'false' }, { catchAll: false }],
      [{ ERR_CATCH_ALL: '0' }, { catchAll: false }],
      [{ ERR_CATCH_ALL: 'yes' }, { catchAll: true }],
      [{ ERR_COMPRESS: 'gzip' }, { compress: 'gzip' }],
      [{ ERR_COMPRESS: 'none' }, { compress: null }],
      [{ ERR_ROOT_DIR: '/srv/app' }, { rootDir: '/srv/app' }],
      [{ ERR_CONTEXT_LINES: '3' }, { contextLines: 3 }],
      [{ ERR_FAIL_FAST_CODE: '70' }, { failFastCode: 70 }],
      [{ ERR_FAIL_FAST_TIMEOUT_MS: '250' }, { failFastTimeoutMs: 250 }],
      [{ ERR_FORMAT: '  terse  ', ERR_LOCALS: '' }, { format: 'terse' }],
    ];
    for (const [env, expected] of cases) {
      it(`should read ${JSON.stringify(env)}`, () => {
        const { options, warnings } = envOptions(env);
        assert.deepEqual(options, { catchAll: true, ...expected });
        assert.deepEqual(warnings, []);
        assert.equal(validateErrOptions(options), options); // always acceptable to err.setup
      });
    }
  });

  describe('invalid values', () => {
    const cases: [string, string, string][] = [
      ['ERR_FORMAT', 'fancy', 'use basic, terse, extend, none'],
      ['ERR_LOCALS', 'sometimes', 'use off, uncaught, all'],
      ['ERR_CATCH_ALL', 'maybe', 'use true or false (also 1/0, yes/no, on/off)'],
      ['ERR_COMPRESS', 'zstd', 'use gzip, none'],
      ['ERR_CONTEXT_LINES', '-2', 'use a whole number from 0 to 1000'],
      ['ERR_FAIL_FAST_CODE', '256', 'use a whole number from 0 to 255'],
      ['ERR_FAIL_FAST_TIMEOUT_MS', '1.5', 'use a whole number from 0 to 600000'],
    ];
    for (const [variable, value, expected] of cases) {
      it(`should ignore ${variable}=${value} with one warning naming it`, () => {
        const { options, warnings } = envOptions({ [variable]: value, ERR_UNKNOWN: 'other' });
        assert.deepEqual(options, { catchAll: true });
        assert.deepEqual(warnings, [`${variable}="${value}" is invalid: ${expected}; ignored.`]);
      });
    }
  });
});
