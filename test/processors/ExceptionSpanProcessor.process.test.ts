import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import * as names from '../../processors/semconv.ts';
import { attributesOf, stringOf } from '../helpers/otlp/attributesOf.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';

const run = promisify(execFile);
const fixtures = path.join(import.meta.dirname, 'fixtures');
const SPAN_KIND_CLIENT = 3; // OTLP: API kind + 1

async function fixture(name: string, flags: string[], env: Record<string, string> = {}) {
  const { stdout } = await run(process.execPath, [...flags, path.join(fixtures, name)], {
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
}

describe('ExceptionSpanProcessor (child processes)', () => {
  describe('exception recorded by @opentelemetry/instrumentation-http under NodeSDK', () => {
    let receiver: OtlpReceiver;
    before(async () => {
      receiver = await OtlpReceiver.start();
    });
    after(async () => {
      await receiver.close();
    });

    it('should enrich the failed client request span the same way', async () => {
      const result = await fixture('httpClientError.ts', [], {
        OTLP_TRACES_URL: receiver.tracesUrl,
      });
      assert.equal(result.code, 'ECONNREFUSED');
      await receiver.waitFor(r => r.spans().length >= 1);
      const span = receiver.spans().find(candidate => candidate.kind === SPAN_KIND_CLIENT);
      assert.ok(span, 'client span exported');
      const events = span.events.filter(event => event.name === 'exception');
      assert.equal(events.length, 1);
      const attributes = attributesOf(events[0]?.attributes);
      assert.equal(attributes[names.EXCEPTION_TYPE], 'Error');
      assert.equal(attributes[names.EXCEPTION_CODE], 'ECONNREFUSED');
      assert.equal(attributes[names.EXCEPTION_SYSCALL], 'connect');
      assert.match(stringOf(attributes[names.FINGERPRINT]), /^[0-9a-f-]{36}$/);
      assert.ok(JSON.parse(stringOf(attributes[names.FRAMES])));
      assert.deepEqual(result.infos, [{ traceId: span.traceId, spanId: span.spanId }]);
    });
  });

  describe('memory', () => {
    it('should keep no span and no error once the spans have ended', async () => {
      const result = await fixture('retention.ts', ['--expose-gc']);
      assert.deepEqual(result, { errorsAlive: 0, spansAlive: 0, total: 50, delivered: 50 });
    });
  });
});
