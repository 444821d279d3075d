import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Deadline } from '../../src/failfast/Deadline.ts';

describe('Deadline', () => {
  describe('.wait', () => {
    it('should tell done, failed (with the reason) and timeout apart, never rejecting', async () => {
      const deadline = new Deadline(200);
      const reason = new Error('nope');
      assert.deepEqual(await deadline.wait(Promise.resolve(1)), { status: 'done' });
      assert.deepEqual(await deadline.wait(Promise.reject(reason)), { status: 'failed', reason });
      assert.deepEqual(await deadline.wait(sleep(2000), performance.now() + 20), {
        status: 'timeout',
      });
    });

    it('should stop at the deadline even when asked to wait past it', async () => {
      const deadline = new Deadline(30);
      const start = performance.now();
      assert.deepEqual(await deadline.wait(sleep(2000), Infinity), { status: 'timeout' });
      const waited = performance.now() - start;
      assert.ok(waited >= 25 && waited < 500, `waited ${waited} ms`);
    });

    it('should not wait at all once the deadline has passed', async () => {
      const deadline = new Deadline(0);
      const start = performance.now();
      assert.deepEqual(await deadline.wait(sleep(2000)), { status: 'timeout' });
      assert.ok(performance.now() - start < 1000);
    });

    it('should take a thenable whose then throws as a failure', async () => {
      const reason = new Error('then throws');
      const hostile = {
        then() {
          throw reason;
        },
      };
      assert.deepEqual(await new Deadline(100).wait(hostile), { status: 'failed', reason });
    });
  });

  describe('.remaining', () => {
    it('should count down to the deadline or an earlier point, never below zero', async () => {
      const deadline = new Deadline(1000);
      assert.ok(deadline.remaining() > 900 && deadline.remaining() <= 1000);
      assert.ok(deadline.remaining(performance.now() + 100) <= 100);
      assert.equal(deadline.remaining(performance.now() - 5), 0);
      assert.equal(new Deadline(-5).remaining(), 0);
      await sleep(1);
    });
  });
});
