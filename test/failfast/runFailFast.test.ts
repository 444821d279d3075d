import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import {
  DRAIN_RESERVE_MS,
  runFailFast,
  type FailFastExit,
} from '../../src/failfast/runFailFast.ts';
import { TestDiagLogger } from '../err/TestDiagLogger.ts';

const info = captureErrorInfo(new Error('the crash'), { sourceContext: 'none' });
const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;
const listenerCounts = () => EVENTS.map(name => process.listenerCount(name));

/** Runs the plan with a recording exit; resolves with the exit codes and the ms from start to exit. */
async function exitOf(plan: Omit<FailFastExit, 'exit' | 'code' | 'info'> & { code?: number }) {
  const codes: number[] = [];
  let exitedAfter = -1;
  const start = performance.now();
  await runFailFast({
    code: 1,
    info,
    ...plan,
    exit: code => {
      codes.push(code);
      exitedAfter = performance.now() - start;
    },
  });
  return { codes, exitedAfter };
}

describe('runFailFast', () => {
  let logger: TestDiagLogger;
  let restore: () => void;
  beforeEach(() => {
    logger = new TestDiagLogger();
    restore = logger.install();
  });
  afterEach(() => restore());

  describe('the order of operations', () => {
    it('should await pending work, run cleanups one by one, drain all at once, then exit once with the code', async () => {
      const log: string[] = [];
      const before = listenerCounts();
      let during: number[] = [];
      const { codes } = await exitOf({
        code: 9,
        timeoutMs: 2000,
        pending: sleep(10).then(() => log.push('pending')),
        cleanups: [
          async () => {
            during = listenerCounts();
            await sleep(10);
            log.push('cleanup 1');
          },
          () => log.push('cleanup 2'),
        ],
        drains: [() => sleep(30).then(() => log.push('drain slow')), () => log.push('drain sync')],
      });
      assert.deepEqual(log, ['pending', 'cleanup 1', 'cleanup 2', 'drain sync', 'drain slow']);
      assert.deepEqual(codes, [9]);
      assert.deepEqual(
        during,
        before.map(count => count + 1),
        'guards installed while exiting',
      );
      assert.deepEqual(listenerCounts(), before, 'guards removed at the exit');
    });

    it('should run the drains concurrently', async () => {
      const { exitedAfter } = await exitOf({
        timeoutMs: 2000,
        cleanups: [],
        drains: [() => sleep(60), () => sleep(60), () => sleep(60)],
      });
      assert.ok(exitedAfter >= 55 && exitedAfter < 150, `exited after ${exitedAfter} ms`);
    });
  });

  describe('failing steps', () => {
    it('should exit without waiting for the deadline when drains reject or throw', async () => {
      const { codes, exitedAfter } = await exitOf({
        timeoutMs: 5000,
        cleanups: [],
        drains: [
          () => Promise.reject(new Error('Concurrent export limit reached')),
          () => {
            throw new Error('no provider');
          },
        ],
      });
      assert.deepEqual(codes, [1]);
      assert.ok(exitedAfter < 1000, `exited after ${exitedAfter} ms`);
      assert.deepEqual(logger.at('warn'), [
        'warn: FailFast: drain #1 failed: Error: Concurrent export limit reached',
        'warn: FailFast: drain #2 failed: Error: no provider',
      ]);
    });

    it('should exit at the deadline when a drain hangs', async () => {
      const { codes, exitedAfter } = await exitOf({
        timeoutMs: 150,
        cleanups: [],
        drains: [() => new Promise(() => {})],
      });
      assert.deepEqual(codes, [1]);
      assert.ok(exitedAfter >= 140 && exitedAfter < 600, `exited after ${exitedAfter} ms`);
      assert.ok(logger.at('warn').some(line => /did not finish before the deadline/.test(line)));
    });

    it('should keep time for the drain when a cleanup hangs', async () => {
      const timeoutMs = 400;
      let drainStartedAfter = -1;
      const start = performance.now();
      const { exitedAfter } = await exitOf({
        timeoutMs,
        cleanups: [() => new Promise(() => {})],
        drains: [
          async () => {
            drainStartedAfter = performance.now() - start;
            await sleep(20);
          },
        ],
      });
      const cut = timeoutMs - Math.min(DRAIN_RESERVE_MS, timeoutMs / 2);
      assert.ok(
        drainStartedAfter >= cut - 10 && drainStartedAfter < cut + 150,
        `drain started after ${drainStartedAfter} ms`,
      );
      assert.ok(exitedAfter < timeoutMs, `exited after ${exitedAfter} ms`);
    });

    it('should call onPendingTimeout only when the pending work is late', async () => {
      const late: string[] = [];
      await exitOf({
        timeoutMs: 100,
        pending: new Promise(() => {}),
        onPendingTimeout: () => late.push('hanging'),
        cleanups: [],
        drains: [],
      });
      await exitOf({
        timeoutMs: 100,
        pending: Promise.resolve(),
        onPendingTimeout: () => late.push('settled'),
        cleanups: [],
        drains: [],
      });
      assert.deepEqual(late, ['hanging']);
    });
  });

  describe('a zero deadline', () => {
    it('should still call the cleanups (their synchronous part) and exit at once', async () => {
      const ran: string[] = [];
      const { codes, exitedAfter } = await exitOf({
        timeoutMs: 0,
        cleanups: [() => ran.push('sync'), () => new Promise(() => {})],
        drains: [() => new Promise(() => {})],
      });
      assert.deepEqual([codes, ran], [[1], ['sync']]);
      assert.ok(exitedAfter < 100, `exited after ${exitedAfter} ms`);
    });
  });
});
