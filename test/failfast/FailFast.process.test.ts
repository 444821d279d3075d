import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as names from '../../processors/semconv.ts';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { receivedException } from '../err/exceptionEvents.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';
import {
  factsOf,
  msToExit,
  runFailFastScenario,
  type FailFastResult,
  type RunOptions,
} from './runFailFastScenario.ts';

/** What a child that exits "at the deadline" may take beyond it on a busy machine. */
const SLACK_MS = 400;

interface Outcome {
  result: FailFastResult;
  receiver: OtlpReceiver;
  dir: string;
}

describe('fail-fast in real processes', () => {
  let root: string;
  const outcomes = new Map<string, Outcome>();
  const receivers: OtlpReceiver[] = [];

  /** Runs one scenario with its own receiver and crash-file directory. */
  async function run(
    label: string,
    scenario: string,
    env: Record<string, string>,
    options: Omit<RunOptions, 'env'> & { hangingReceiver?: boolean } = {},
  ): Promise<void> {
    const receiver = await OtlpReceiver.start();
    receivers.push(receiver);
    // Far past the child's deadline; short enough not to hold this process long after close().
    if (options.hangingReceiver) receiver.respond({ delayMs: 2500 });
    const dir = path.join(root, label);
    const result = await runFailFastScenario(scenario, {
      ...options,
      env: { OTLP_TRACES_URL: receiver.tracesUrl, ERR_DIR: dir, ...env },
    });
    outcomes.set(label, { result, receiver, dir });
  }

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-err-failfast-'));
    const sdk = { PIPELINE: 'sdk' };
    await Promise.all([
      run('policy', 'policy', { ...sdk, PENDING: '2000' }),
      run('burst', 'policy', { ...sdk, PENDING: '16000' }),
      run('second', 'second-error', sdk),
      run('throwing', 'throwing-cleanup', {}),
      run('uncaught', 'uncaught', { ...sdk, PENDING: '500' }),
      run(
        'rejection',
        'rejection',
        { PIPELINE: 'builtin' },
        {
          nodeArgs: ['--unhandled-rejections=warn'],
        },
      ),
      run('spans-on', 'on-spans', { ...sdk, ON_SPANS: '1' }),
      run('spans-off', 'on-spans', { ...sdk, ON_SPANS: '0' }),
      run('signal', 'signal', { ...sdk, PENDING: '500' }, { signalWhenReady: 'SIGTERM' }),
      run('rethrow', 'rethrow', { ...sdk, PENDING: '500', CATCH_ALL: '0' }),
    ]);
    // Deadline scenarios after the busy ones, so that their timings are not the machine's.
    await Promise.all([
      run(
        'hanging-exporter',
        'policy',
        { ...sdk, PENDING: '1000', FAIL_FAST_TIMEOUT_MS: '500' },
        {
          hangingReceiver: true,
        },
      ),
      run('hanging-cleanup', 'hanging-cleanup', {
        ...sdk,
        PENDING: '1000',
        FAIL_FAST_TIMEOUT_MS: '1200',
      }),
      run('slow-middleware', 'slow-middleware', { FAIL_FAST_TIMEOUT_MS: '600' }),
    ]);
  });
  after(async () => {
    await Promise.all(receivers.map(receiver => receiver.close()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  const outcome = (label: string) => outcomes.get(label)!;
  const crashFile = (label: string, fingerprint: unknown): ErrorInfo =>
    fromJSON(fs.readFileSync(path.join(outcome(label).dir, `${String(fingerprint)}.json`), 'utf8'));
  const reportOf = (label: string, message: string) =>
    factsOf(outcome(label).result, 'report').find(report => report.message === message);
  const pendingReceived = (label: string) =>
    outcome(label)
      .receiver.spans()
      .filter(span => span.name === 'pending').length;
  const cleanups = (label: string) =>
    factsOf(outcome(label).result, 'cleanup').map(({ event: _event, at: _at, ...rest }) => rest);

  describe('a policy triggered by err.process (NodeSDK, 2,000 pending spans)', () => {
    it('should exit with the configured code after err.process returned', () => {
      const { result } = outcome('policy');
      assert.equal(result.code, 3, result.stderr);
      assert.equal(factsOf(result, 'returned').length, 1);
    });

    it('should have written the complete crash file before the cleanup callbacks ran', () => {
      const report = reportOf('policy', 'fatal: db gone');
      const file = crashFile('policy', report?.fingerprint);
      assert.deepEqual(
        [file.exception.type, file.exception.message, file.count, file.name, file.version],
        ['RangeError', 'fatal: db gone', 1, 'failfast-svc', '0.0.7'],
      );
      assert.ok(file.frames.length > 0 && file.frames[0]?.inApp);
      assert.deepEqual(file.trace, report?.trace);
      const written = fs.statSync(
        path.join(outcome('policy').dir, `${String(report?.fingerprint)}.json`),
      );
      const [first] = factsOf(outcome('policy').result, 'cleanup');
      assert.ok(written.mtimeMs <= Number(first?.at) + 1, 'file before cleanups');
      // The error that did not match the policy is on disk too.
      assert.equal(crashFile('policy', reportOf('policy', 'not fatal')?.fingerprint).count, 1);
    });

    it('should print the traceback in the configured format', () => {
      const report = reportOf('policy', 'fatal: db gone');
      assert.match(
        outcome('policy').result.stderr,
        new RegExp(
          `RangeError: fatal: db gone {2}\\[failfast-svc 0\\.0\\.7 · ${String(report?.fingerprint)}\\]`,
        ),
      );
    });

    it('should run the cleanup callbacks in order, with the report and the exit code', () => {
      assert.deepEqual(cleanups('policy'), [
        { n: 1 },
        { n: 2, message: 'fatal: db gone', exitCode: 3, aborted: false },
      ]);
    });

    it('should deliver every pending span and the exception event to the live receiver', () => {
      assert.equal(pendingReceived('policy'), 2000);
      const report = reportOf('policy', 'fatal: db gone');
      const { span, attributes } = receivedException(outcome('policy').receiver, report?.trace);
      assert.equal(span.name, 'request');
      assert.equal(attributes[names.FINGERPRINT], report?.fingerprint);
    });
  });

  describe('a burst over the OTLP exporter concurrency limit (16,000 spans, batch 512)', () => {
    it('should still deliver every span', () => {
      assert.equal(outcome('burst').result.code, 3, outcome('burst').result.stderr);
      assert.equal(pendingReceived('burst'), 16_000);
    });
  });

  describe('a second uncaught exception during the shutdown', () => {
    it('should exit at once with the code, keeping the report of the first', () => {
      const { result, dir } = outcome('second');
      assert.equal(result.code, 3, result.stderr);
      assert.ok(msToExit(result) < 2000, `${msToExit(result)} ms (cleanup 3 would wait 3 s)`);
      assert.deepEqual(cleanups('second'), [
        { n: 1 },
        { n: 2, message: 'fatal: db gone', exitCode: 3, aborted: false },
      ]);
      assert.match(
        result.stderr,
        /otel-err: another uncaught exception while exiting, exiting now: Error: second error during shutdown\n/,
      );
      assert.equal(crashFile('second', reportOf('second', 'fatal: db gone')?.fingerprint).count, 1);
      const messages = fs
        .readdirSync(dir)
        .filter(name => name.endsWith('.json'))
        .map(name => fromJSON(fs.readFileSync(path.join(dir, name), 'utf8')).exception.message);
      assert.deepEqual(messages.sort(), ['fatal: db gone', 'not fatal']);
    });
  });

  describe('err.process(error) then throw error, without catchAll', () => {
    it('should finish the shutdown: code, one occurrence on disk, cleanups, spans', () => {
      const { result } = outcome('rethrow');
      assert.equal(result.code, 3, result.stderr);
      const report = reportOf('rethrow', 'fatal: rethrown');
      assert.equal(crashFile('rethrow', report?.fingerprint).count, 1);
      assert.equal(cleanups('rethrow').length, 2);
      assert.equal(pendingReceived('rethrow'), 500);
      assert.doesNotMatch(result.stderr, /another uncaught exception/);
    });
  });

  describe('throwing and rejecting cleanup callbacks', () => {
    it('should not stop the ones after them', () => {
      const { result } = outcome('throwing');
      assert.equal(result.code, 3, result.stderr);
      assert.deepEqual(cleanups('throwing'), [
        { n: 1 },
        { n: 2, message: 'fatal: db gone', exitCode: 3, aborted: false },
        { n: 5 },
      ]);
    });
  });

  describe('an uncaught exception under catchAll (NodeSDK, 500 pending spans)', () => {
    it('should take the same path: crash file, cleanups, drain, exit code', () => {
      const { result, receiver } = outcome('uncaught');
      assert.equal(result.code, 3, result.stderr);
      const report = reportOf('uncaught', 'uncaught, not matched by the policy');
      assert.equal(crashFile('uncaught', report?.fingerprint).count, 1);
      assert.equal(cleanups('uncaught').length, 2);
      assert.equal(pendingReceived('uncaught'), 500);
      assert.equal(receivedException(receiver, report?.trace).span.name, 'uncaughtException');
    });
  });

  describe('a rejection Node does not die of (--unhandled-rejections=warn, built-in pipeline)', () => {
    it('should stop the process when a policy says so, and export through err’s own pipeline', () => {
      const { result, receiver } = outcome('rejection');
      assert.equal(result.code, 3, result.stderr);
      const report = reportOf('rejection', 'a rejection under warn');
      assert.equal(crashFile('rejection', report?.fingerprint).count, 1);
      assert.equal(receivedException(receiver, report?.trace).span.name, 'unhandledRejection');
    });
  });

  describe('an exception recorded on a span by user code', () => {
    it('should trigger with failFastOnSpans and export the span it was recorded on', () => {
      const { result, receiver } = outcome('spans-on');
      assert.equal(result.code, 3, result.stderr);
      const report = reportOf('spans-on', 'fatal: recorded on a span');
      assert.equal(crashFile('spans-on', report?.fingerprint).count, 1);
      assert.equal(receivedException(receiver, report?.trace).span.name, 'db.query');
      assert.equal(cleanups('spans-on').length, 2);
    });

    it('should be reported but not trigger without failFastOnSpans (the default)', () => {
      const { result } = outcome('spans-off');
      assert.equal(result.code, 0, result.stderr);
      assert.equal(factsOf(result, 'alive').length, 1);
      assert.deepEqual(cleanups('spans-off'), []);
      assert.ok(reportOf('spans-off', 'fatal: recorded on a span'));
    });
  });

  describe('SIGTERM with gracefulSignals', () => {
    it("should run the application's listener and the cleanups, drain, and exit with 143", () => {
      const { result, dir } = outcome('signal');
      assert.deepEqual([result.code, result.signal], [143, null], result.stderr);
      assert.equal(factsOf(result, 'trigger')[0]?.app, true);
      assert.deepEqual(cleanups('signal'), [
        { n: 1 },
        { n: 2, message: null, exitCode: 143, aborted: false },
      ]);
      assert.equal(pendingReceived('signal'), 500);
      assert.equal(
        fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.json')).length : 0,
        0,
      );
    });
  });

  describe('a hanging exporter (the receiver never answers)', () => {
    it('should exit within the deadline with the crash file on disk', () => {
      const { result, receiver } = outcome('hanging-exporter');
      assert.equal(result.code, 3, result.stderr);
      const took = msToExit(result);
      assert.ok(took >= 450 && took < 500 + SLACK_MS, `exited ${took} ms after the trigger`);
      assert.ok(receiver.requests.length > 0, 'the export was attempted');
      const report = reportOf('hanging-exporter', 'fatal: db gone');
      assert.equal(
        crashFile('hanging-exporter', report?.fingerprint).exception.message,
        'fatal: db gone',
      );
      assert.equal(cleanups('hanging-exporter').length, 2);
    });
  });

  describe('a cleanup callback that never finishes', () => {
    it('should leave the drain its reserve: every span delivered, exit within the deadline', () => {
      const { result } = outcome('hanging-cleanup');
      assert.equal(result.code, 3, result.stderr);
      assert.equal(pendingReceived('hanging-cleanup'), 1000);
      const took = msToExit(result);
      assert.ok(took >= 550 && took < 1200 + SLACK_MS, `exited ${took} ms after the trigger`);
    });
  });

  describe('an asynchronous middleware that never settles', () => {
    it('should still write and print the report as captured, then exit within the deadline', () => {
      const { result } = outcome('slow-middleware');
      assert.equal(result.code, 3, result.stderr);
      const processed = factsOf(result, 'processed').find(p => p.message === 'fatal: db gone');
      assert.equal(crashFile('slow-middleware', processed?.fingerprint).count, 1);
      assert.match(result.stderr, /RangeError: fatal: db gone {2}\[failfast-fixtures 0\.0\.7 · /);
      const took = msToExit(result);
      assert.ok(took >= 250 && took < 600 + SLACK_MS, `exited ${took} ms after the trigger`);
    });
  });
});
