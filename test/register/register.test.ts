import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as names from '../../processors/semconv.ts';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { receivedException, resourceOf } from '../err/exceptionEvents.ts';
import { runScenario } from '../err/runScenario.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';

const REGISTER = pathToFileURL(path.join(import.meta.dirname, '../../src/register.ts')).href;
const SERVICE = { OTEL_SERVICE_NAME: 'zero-code-svc', ERR_LOCALS: 'off' };

describe('otel-err/register (node --import, child processes)', { concurrency: true }, () => {
  let receiver: OtlpReceiver;
  let root: string;
  let next = 0;
  before(async () => {
    receiver = await OtlpReceiver.start();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-err-register-'));
  });
  after(async () => {
    await receiver.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Runs the app (which has no otel-err code) with the register hook; returns the result and its crash files. */
  async function start(scenario: string, env: Record<string, string>, nodeArgs: string[] = []) {
    const dir = path.join(root, String(next++));
    const result = await runScenario('zeroCodeApp.ts', {
      args: [scenario],
      nodeArgs: [...nodeArgs, '--import', REGISTER],
      env: { ERR_PATH: dir, ...SERVICE, ...env },
    });
    const files: ErrorInfo[] = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter(name => name.endsWith('.json'))
          .map(name => fromJSON(fs.readFileSync(path.join(dir, name), 'utf8')))
      : [];
    return { ...result, files };
  }

  describe('standalone (no endpoint)', () => {
    it('should write the crash file, print the traceback in ERR_FORMAT and exit 1', async () => {
      const result = await start('crash', { ERR_FORMAT: 'basic' });
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.files.length, 1);
      const [file] = result.files;
      assert.deepEqual(
        [file?.name, file?.count, file?.exception.message],
        ['zero-code-svc', 1, 'zero-code crash'],
      );
      assert.ok(file?.frames[0]?.file?.endsWith('zeroCodeApp.ts'));
      assert.match(result.stderr, /^Error: zero-code crash\n {4}at Timeout\._onTimeout \(/);
    });

    it('should warn once per invalid variable, ignore it and still work', async () => {
      const result = await start('crash', { ERR_FORMAT: 'fancy', ERR_LOCALS: 'sometimes' });
      assert.equal(result.code, 1);
      const warnings = result.stderr
        .split('\n')
        .filter(line => line.includes('[OTEL_ERR_REGISTER]'));
      assert.deepEqual(
        warnings.map(line => line.replace(/^\(node:\d+\) /, '')),
        [
          '[OTEL_ERR_REGISTER] Warning: otel-err/register: ERR_FORMAT="fancy" is invalid: use basic, terse, extend, none; ignored.',
          '[OTEL_ERR_REGISTER] Warning: otel-err/register: ERR_LOCALS="sometimes" is invalid: use off, uncaught, all; ignored.',
        ],
      );
      const [file] = result.files;
      assert.ok(
        result.stderr.includes(
          `Error: zero-code crash  [zero-code-svc 1.2.3 · ${String(file?.fingerprint)}]`,
        ),
      );
    });

    it('should leave the crash to Node when ERR_CATCH_ALL=false', async () => {
      const result = await start('crash', { ERR_CATCH_ALL: 'false' });
      assert.equal(result.code, 1);
      assert.deepEqual(result.files, []);
      assert.match(
        result.stderr,
        /throw new Error\('zero-code crash'\);\n\s+\^\n\nError: zero-code crash\n/,
      );
    });
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    it('should export the crash as an exception event on a span of the service', async () => {
      const result = await start('crash', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
      assert.equal(result.code, 1, result.stderr);
      const [file] = result.files;
      const { span, attributes } = receivedException(receiver, file?.trace);
      assert.equal(span.name, 'uncaughtException');
      assert.equal(attributes[names.FINGERPRINT], file?.fingerprint);
      assert.equal(resourceOf(receiver, span.spanId)['service.name'], 'zero-code-svc');
    });

    it('should export a non-fatal rejection at the normal exit', async () => {
      const result = await start('rejection', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, [
        '--unhandled-rejections=warn',
      ]);
      assert.equal(result.code, 0, result.stderr);
      const [file] = result.files;
      const { span } = receivedException(receiver, file?.trace);
      assert.equal(span.name, 'unhandledRejection');
    });

    it('should export nothing with OTEL_TRACES_EXPORTER=none, and still write the file', async () => {
      const result = await start('crash', {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_TRACES_EXPORTER: 'none',
      });
      assert.equal(result.code, 1);
      const [file] = result.files;
      assert.ok(file?.trace);
      assert.equal(receiver.spans().filter(s => s.traceId === file.trace?.traceId).length, 0);
    });
  });
});
