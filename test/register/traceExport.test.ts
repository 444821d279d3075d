import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { traceExportPlan } from '../../src/register/traceExport.ts';

const ENDPOINT = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };

describe('traceExportPlan', () => {
  describe('when spans are exported', () => {
    const cases: [string, Record<string, string>, boolean, boolean][] = [
      ['no endpoint', {}, false, false],
      ['an endpoint', ENDPOINT, false, true],
      [
        'a traces endpoint',
        { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' },
        false,
        true,
      ],
      ['a blank endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }, false, false],
      ['an SDK already registered', ENDPOINT, true, false],
      ['OTEL_TRACES_EXPORTER=none', { ...ENDPOINT, OTEL_TRACES_EXPORTER: 'none' }, false, false],
      ['OTEL_TRACES_EXPORTER=otlp', { ...ENDPOINT, OTEL_TRACES_EXPORTER: 'otlp' }, false, true],
      ['OTEL_SDK_DISABLED=true', { ...ENDPOINT, OTEL_SDK_DISABLED: 'TRUE' }, false, false],
      ['OTEL_SDK_DISABLED=false', { ...ENDPOINT, OTEL_SDK_DISABLED: 'false' }, false, true],
    ];
    for (const [label, env, registered, expected] of cases) {
      it(`should ${expected ? '' : 'not '}export with ${label}`, () => {
        assert.deepEqual(traceExportPlan(env, registered), { export: expected, warnings: [] });
      });
    }
  });

  describe('values it cannot honour', () => {
    it('should warn about other exporters and keep otlp', () => {
      assert.deepEqual(
        traceExportPlan({ ...ENDPOINT, OTEL_TRACES_EXPORTER: 'otlp,console' }, false),
        {
          export: true,
          warnings: [
            'OTEL_TRACES_EXPORTER="otlp,console": otel-err/register exports with otlp only; console ignored.',
          ],
        },
      );
    });

    it('should warn and export nothing when otlp is not among them', () => {
      assert.deepEqual(traceExportPlan({ ...ENDPOINT, OTEL_TRACES_EXPORTER: 'zipkin' }, false), {
        export: false,
        warnings: [
          'OTEL_TRACES_EXPORTER="zipkin": otel-err/register exports with otlp only; zipkin ignored, no spans exported.',
        ],
      });
    });

    it('should warn that grpc is not supported, naming the variable that asked for it', () => {
      const plan = traceExportPlan(
        { ...ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' },
        false,
      );
      assert.equal(plan.export, true);
      assert.deepEqual(plan.warnings, [
        'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=grpc is not supported by otel-err/register: spans go as OTLP/HTTP JSON to http://collector:4318; point it at an OTLP/HTTP endpoint (port 4318).',
      ]);
    });

    it('should say nothing about http/protobuf (the collector takes JSON on the same port)', () => {
      const plan = traceExportPlan(
        { ...ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' },
        false,
      );
      assert.deepEqual(plan, { export: true, warnings: [] });
    });
  });
});
