import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import { Deadline } from '../../src/failfast/Deadline.ts';
import { runCleanups, type CleanupContext } from '../../src/failfast/runCleanups.ts';
import { TestDiagLogger } from '../err/TestDiagLogger.ts';

const info = captureErrorInfo(new Error('the crash'), { sourceContext: 'none' });

describe('runCleanups', () => {
  let logger: TestDiagLogger;
  let restore: () => void;
  beforeEach(() => {
    logger = new TestDiagLogger();
    restore = logger.install();
  });
  afterEach(() => restore());

  const run = (cleanups: Parameters<typeof runCleanups>[0], untilMs = 1000) => {
    const deadline = new Deadline(5000);
    return runCleanups(cleanups, { info, exitCode: 7 }, deadline, performance.now() + untilMs);
  };

  describe('order', () => {
    it('should run sync and async callbacks one after the other, in registration order', async () => {
      const log: string[] = [];
      await run([
        async () => {
          await sleep(20);
          log.push('a done');
        },
        () => log.push('b'),
        async () => {
          log.push('c start');
          await sleep(5);
          log.push('c done');
        },
      ]);
      assert.deepEqual(log, ['a done', 'b', 'c start', 'c done']);
    });

    it('should give each the report, the exit code and a live signal', async () => {
      const seen: CleanupContext[] = [];
      await run([context => void seen.push(context)]);
      assert.equal(seen[0]?.info, info);
      assert.equal(seen[0]?.exitCode, 7);
      assert.equal(seen[0]?.signal.aborted, false);
    });
  });

  describe('failures', () => {
    it('should log a throw, a rejection and a non-Error and go on with the next', async () => {
      const ran: number[] = [];
      const named = function closePool(): void {
        throw new Error('pool already closed');
      };
      await run([
        named,
        () => Promise.reject(new Error('flush failed')),
        () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point: a non-Error throw
          throw 'a string';
        },
        () => ran.push(4),
      ]);
      assert.deepEqual(ran, [4]);
      assert.deepEqual(logger.at('warn'), [
        'warn: FailFast: cleanup #1 (closePool) threw: Error: pool already closed',
        'warn: FailFast: cleanup #2 rejected: Error: flush failed',
        'warn: FailFast: cleanup #3 threw: a string',
      ]);
    });
  });

  describe('time', () => {
    it('should leave a late callback running, abort the signal at the end and still call the next', async () => {
      let signal: AbortSignal | undefined;
      const ran: string[] = [];
      const start = performance.now();
      await run(
        [
          context => {
            signal = context.signal;
            return new Promise(() => {});
          },
          () => ran.push('next'),
        ],
        40,
      );
      const took = performance.now() - start;
      assert.ok(took >= 35 && took < 1000, `took ${took} ms`);
      assert.deepEqual(ran, ['next']);
      assert.equal(signal?.aborted, true);
      assert.match(logger.at('warn')[0] ?? '', /cleanup #1 did not finish in time/);
    });
  });
});
