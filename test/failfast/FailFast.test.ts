import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import { FailFast } from '../../src/failfast/FailFast.ts';
import type { FailFastPolicy } from '../../src/failfast/FailFastPolicy.ts';
import { failFastOn } from '../../src/failfast/policies.ts';

const error = new RangeError('fatal');
const info = captureErrorInfo(error, { sourceContext: 'none' });

/** A FailFast whose exit is recorded; `exited` resolves with the code. */
function recorded() {
  let resolve: (code: number) => void = () => {};
  const exited = new Promise<number>(done => (resolve = done));
  return { failFast: new FailFast(code => resolve(code)), exited };
}

describe('FailFast', () => {
  describe('.addPolicies and .check', () => {
    it('should evaluate the policies added, in order', () => {
      const { failFast } = recorded();
      assert.equal(failFast.check(error, info), false);
      failFast.addPolicies([failFastOn(TypeError)]);
      assert.equal(failFast.check(error, info), false);
      failFast.addPolicies([failFastOn(RangeError)]);
      assert.equal(failFast.check(error, info), true);
    });

    it('should throw a TypeError naming the call for a value that is not a policy', () => {
      const { failFast } = recorded();
      for (const bad of [
        42,
        null,
        {},
        { check: true },
        'TypeError',
        Object.create(null) as object,
      ]) {
        assert.throws(
          () => failFast.addPolicies([bad as unknown as FailFastPolicy]),
          (thrown: unknown) =>
            thrown instanceof TypeError &&
            thrown.message.startsWith('err.addFailFast(policy): a policy must be a function'),
        );
      }
      assert.equal(failFast.check(error, info), false, 'nothing half-added');
    });
  });

  describe('.addCleanup', () => {
    it('should return the function that removes the callback', async () => {
      const { failFast, exited } = recorded();
      const ran: string[] = [];
      failFast.addCleanup(() => ran.push('kept'));
      const remove = failFast.addCleanup(() => ran.push('removed'));
      remove();
      remove(); // twice is harmless
      failFast.start(4, () => ({ timeoutMs: 1000, info, drains: [] }));
      assert.equal(await exited, 4);
      assert.deepEqual(ran, ['kept']);
    });

    it('should throw a TypeError for a value that is not a function', () => {
      const { failFast } = recorded();
      assert.throws(
        () => failFast.addCleanup('close' as unknown as () => void),
        /^TypeError: err\.addCleanup\(cleanup\): cleanup must be a function, not "close"\.$/,
      );
    });
  });

  describe('.start', () => {
    it('should start once, run its steps after the current task, and stop evaluating policies', async () => {
      const { failFast, exited } = recorded();
      failFast.addPolicies([() => true]);
      const order: string[] = [];
      failFast.addCleanup(() => order.push('cleanup'));
      const started = failFast.start(2, () => {
        order.push('plan');
        return { timeoutMs: 1000, info, drains: [], afterTrigger: () => order.push('after') };
      });
      order.push('start returned');
      assert.equal(started, true);
      assert.equal(failFast.exiting, true);
      assert.equal(failFast.check(error, info), false);
      assert.equal(
        failFast.start(5, () => ({ timeoutMs: 0, info, drains: [] })),
        false,
      );
      assert.equal(await exited, 2);
      assert.deepEqual(order, ['plan', 'start returned', 'after', 'cleanup']);
    });

    it('should still exit with the code when making the plan throws', async () => {
      const { failFast, exited } = recorded();
      failFast.start(6, () => {
        throw new Error('plan bug');
      });
      assert.equal(await exited, 6);
    });
  });
});
