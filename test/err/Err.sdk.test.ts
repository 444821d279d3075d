import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as names from '../../processors/semconv.ts';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';
import { receivedException, resourceOf } from './exceptionEvents.ts';
import { factsOf, runScenario, type ScenarioResult } from './runScenario.ts';

const SPAN_KIND_CLIENT = 3; // OTLP: API kind + 1
const STATUS_ERROR = 2;

describe('Err under NodeSDK with the OTLP/HTTP exporter (child processes)', () => {
  let receiver: OtlpReceiver;
  let root: string;
  const results = new Map<string, ScenarioResult>();
  // The three scenarios run at once; each test then reads its result and what the receiver got.
  before(async () => {
    receiver = await OtlpReceiver.start();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-err-sdk-'));
    await Promise.all(
      ['caught', 'uncaught', 'rejection'].map(async scenario => {
        const env = { OTLP_TRACES_URL: receiver.tracesUrl, ERR_DIR: path.join(root, scenario) };
        results.set(scenario, await runScenario('sdkScenario.ts', { args: [scenario], env }));
      }),
    );
  });
  after(async () => {
    await receiver.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const reports = (scenario: string) => factsOf(results.get(scenario)!, 'report');

  describe('caught exceptions', () => {
    it('should use the live provider, never a second global one, and exit normally', () => {
      const result = results.get('caught')!;
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(factsOf(result, 'setup'), [{ event: 'setup', sameProvider: true }]);
      assert.equal(factsOf(result, 'done').length, 1);
    });

    it('should name the service from the NodeSDK resource, the version from package.json', () => {
      for (const report of reports('caught')) {
        assert.deepEqual([report.name, report.version], ['svc-from-resource', '1.2.3']);
      }
    });

    it('should export an exception recorded by user code with fingerprint and frames', () => {
      const report = reports('caught').find(r => r.type === 'RangeError');
      const { span, attributes } = receivedException(receiver, report?.trace);
      assert.equal(span.name, 'user-op');
      assert.equal(attributes[names.FINGERPRINT], report?.fingerprint);
      assert.equal(attributes[names.EXCEPTION_MESSAGE], 'recorded by user code');
    });

    it('should export one recorded by the http instrumentation on a failing request', () => {
      const report = reports('caught').find(r => String(r.message).includes('ECONNREFUSED'));
      const { span, attributes } = receivedException(receiver, report?.trace);
      assert.equal(span.kind, SPAN_KIND_CLIENT);
      assert.equal(attributes[names.EXCEPTION_CODE], 'ECONNREFUSED');
      assert.equal(attributes[names.FINGERPRINT], report?.fingerprint);
    });

    it('should export err.process on a new span named after it, and return the same report', () => {
      const report = reports('caught').find(r => r.type === 'TypeError');
      const [processed] = factsOf(results.get('caught')!, 'processed');
      assert.deepEqual({ ...processed, event: 'report' }, report);
      const { span, attributes } = receivedException(receiver, report?.trace);
      assert.equal(span.name, 'err.process');
      assert.equal(span.status?.code, STATUS_ERROR);
      assert.equal(attributes[names.FINGERPRINT], report?.fingerprint);
      assert.equal(resourceOf(receiver, span.spanId)['service.name'], 'svc-from-resource');
    });
  });

  describe('an uncaught exception', () => {
    it('should end the still open active span with the event, write the crash file and exit 1', () => {
      const result = results.get('uncaught')!;
      assert.equal(result.code, 1, result.stderr);
      const [report] = reports('uncaught');
      const { span, attributes } = receivedException(receiver, report?.trace);
      assert.equal(span.name, 'request');
      assert.equal(span.status?.code, STATUS_ERROR);
      assert.equal(attributes[names.EXCEPTION_MESSAGE], 'uncaught under NodeSDK');
      const file = fromJSON(
        fs.readFileSync(path.join(root, 'uncaught', `${String(report?.fingerprint)}.json`), 'utf8'),
      );
      assert.deepEqual([file.count, file.trace], [1, report?.trace]);
    });
  });

  describe('an unhandled rejection', () => {
    it('should be exported on a new span and exit 1', () => {
      const result = results.get('rejection')!;
      assert.equal(result.code, 1, result.stderr);
      const [report] = reports('rejection');
      const { span, attributes } = receivedException(receiver, report?.trace);
      assert.equal(span.name, 'unhandledRejection');
      assert.equal(attributes[names.EXCEPTION_MESSAGE], 'rejected under NodeSDK');
    });
  });
});
