import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../../src/cli/CliError.ts';
import { EXIT } from '../../src/cli/exitCodes.ts';
import { otlpEndpoint } from '../../src/cli/resend/otlpEndpoint.ts';

describe('otlpEndpoint', () => {
  describe('when an endpoint is configured', () => {
    const cases: [string, string | undefined, NodeJS.ProcessEnv, string][] = [
      [
        '--endpoint wins over the environment',
        'http://a:4318/x',
        { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b/v1/traces' },
        'http://a:4318/x',
      ],
      [
        'the traces variable is used as given',
        undefined,
        {
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/custom',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c',
        },
        'https://b/custom',
      ],
      [
        'the base variable gets /v1/traces',
        undefined,
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' },
        'http://c:4318/v1/traces',
      ],
      [
        'a trailing slash of the base is dropped',
        undefined,
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' },
        'http://c:4318/v1/traces',
      ],
      [
        'an empty --endpoint falls back to the environment',
        ' ',
        { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c' },
        'http://c/v1/traces',
      ],
    ];
    for (const [name, option, env, expected] of cases) {
      it(`should resolve it: ${name}`, () => {
        assert.equal(otlpEndpoint(option, env), expected);
      });
    }
  });

  describe('when none is configured or it is not http(s)', () => {
    const cases: [string, string | undefined, RegExp][] = [
      ['nothing set', undefined, /needs an endpoint/],
      ['not a URL', 'collector:4318', /invalid OTLP endpoint/],
      ['a gRPC-only scheme', 'grpc://collector:4317', /invalid OTLP endpoint/],
    ];
    for (const [name, option, message] of cases) {
      it(`should throw a usage CliError: ${name}`, () => {
        assert.throws(
          () => otlpEndpoint(option, {}),
          (error: unknown) =>
            error instanceof CliError &&
            error.exitCode === EXIT.usage &&
            message.test(error.message),
        );
      });
    }
  });
});
