import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import type { ErrOptions } from '../../src/err/ErrOptions.ts';
import { failFastOn } from '../../src/failfast/policies.ts';
import { validateErrOptions } from '../../src/err/validateErrOptions.ts';

describe('validateErrOptions', () => {
  describe('valid options', () => {
    const everything: ErrOptions = {
      name: 'svc',
      version: '1.0.0',
      catchAll: true,
      format: { format: info => info.exception.message },
      errorInfoPath: null,
      compress: 'gzip',
      locals: 'all',
      redact: { names: [/pin/] },
      middleware: [() => undefined, { process: () => null }],
      rootDir: '/srv/app',
      rootModule: 'app',
      include: ['/srv/lib', /vendor/],
      exclude: [],
      contextLines: 0,
      fingerprintParts: parts => parts,
      fingerprintIncludesVersion: false,
      stackTraceLimit: 50,
      failFast: [failFastOn(TypeError), (_error, info) => info.count > 1, { check: () => false }],
      failFastOnSpans: true,
      gracefulSignals: ['SIGTERM', 'SIGINT'],
      failFastCode: 255,
      failFastTimeoutMs: 0,
      spanProcessors: [new BatchSpanProcessor({ exporter: new InMemorySpanExporter() })],
    };
    it('should return every valid option unchanged', () => {
      assert.equal(validateErrOptions(everything), everything);
    });

    it('should take one policy alone, and false or no signals', () => {
      for (const options of [
        { failFast: () => true },
        { failFast: failFastOn('TypeError') },
        { gracefulSignals: false },
        { gracefulSignals: [] },
      ] as ErrOptions[]) {
        assert.equal(validateErrOptions(options), options);
      }
    });

    it('should take undefined as no options and undefined values as unset', () => {
      assert.deepEqual(validateErrOptions(undefined), {});
      assert.deepEqual(validateErrOptions({ format: undefined }), { format: undefined });
    });
  });

  describe('invalid options', () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { compress: 'brotli' },
        'Invalid option `compress: "brotli"` of err.setup(). It must be \'gzip\' or null.',
      ],
      [
        { contextLines: -1 },
        'Invalid option `contextLines: -1` of err.setup(). It must be a whole number ≥ 0.',
      ],
      [
        { catchAll: 'yes' },
        'Invalid option `catchAll: "yes"` of err.setup(). It must be true or false.',
      ],
      [
        { fingerprintParts: 'x' },
        'Invalid option `fingerprintParts: "x"` of err.setup(). It must be a function (parts, info) => parts.',
      ],
      [
        { include: [1] },
        'Invalid option `include: [1]` of err.setup(). It must be an array of strings and RegExps.',
      ],
      [
        { failFast: [42] },
        'Invalid option `failFast: [42]` of err.setup(). It must be a policy (a function (error, info) => boolean or an object with check(error, info)) or an array of them.',
      ],
      [
        { failFastTimeoutMs: 2 ** 31 },
        'Invalid option `failFastTimeoutMs: 2147483648` of err.setup(). It must be a whole number of milliseconds from 0 to 2147483647.',
      ],
      [
        { failFastOnSpans: 1 },
        'Invalid option `failFastOnSpans: 1` of err.setup(). It must be true or false.',
      ],
      [
        { gracefulSignals: ['SIGKILL'] },
        "Invalid option `gracefulSignals: [\"SIGKILL\"]` of err.setup(). It must be false or an array of signal names such as ['SIGTERM', 'SIGINT'] (not SIGKILL or SIGSTOP).",
      ],
      [
        { gracefulSignals: true },
        "Invalid option `gracefulSignals: true` of err.setup(). It must be false or an array of signal names such as ['SIGTERM', 'SIGINT'] (not SIGKILL or SIGSTOP).",
      ],
    ];
    for (const [options, message] of cases) {
      it(`should throw a TypeError that names ${Object.keys(options)[0]} and says what fits`, () => {
        assert.throws(() => validateErrOptions(options), { name: 'TypeError', message });
      });
    }
  });
});
