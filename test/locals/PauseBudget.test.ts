import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PauseBudget } from '../../src/locals/PauseBudget.ts';

function harness(maxPerSecond = 3) {
  const clock = { now: 0 };
  const changes: boolean[] = [];
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const budget = new PauseBudget({
    maxPerSecond,
    backoffMs: 1000,
    maxBackoffMs: 3000,
    onChange: enabled => changes.push(enabled),
    now: () => clock.now,
    setTimer: (run, ms) => {
      const timer = { at: clock.now + ms, run, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
  });
  const advance = (ms: number) => {
    clock.now += ms;
    for (const timer of timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.at <= clock.now) timer.run();
      else timers.push(timer);
    }
  };
  const consume = (n: number) => Array.from({ length: n }, () => budget.tryConsume());
  return { budget, changes, advance, consume };
}

describe('PauseBudget', () => {
  describe('within one second', () => {
    it('should allow maxPerSecond pauses, then refuse and start one back-off', () => {
      const { budget, changes, consume } = harness(3);
      assert.deepEqual(consume(5), [true, true, true, false, false]);
      assert.deepEqual(changes, [false]);
      assert.equal(budget.backingOff, true);
    });

    it('should start a fresh window after a second', () => {
      const { advance, consume } = harness(2);
      assert.deepEqual(consume(2), [true, true]);
      advance(1000);
      assert.deepEqual(consume(2), [true, true]);
    });
  });

  describe('back-off', () => {
    it('should restore pausing when the back-off ends', () => {
      const { budget, changes, advance, consume } = harness(1);
      consume(2);
      advance(999);
      assert.deepEqual(changes, [false]);
      advance(1);
      assert.deepEqual(changes, [false, true]);
      assert.equal(budget.backingOff, false);
      assert.deepEqual(consume(1), [true]);
    });

    it('should double when the budget is spent again soon after a restore, up to the maximum', () => {
      const { budget, advance, consume } = harness(1);
      const backoffs: number[] = [];
      for (let i = 0; i < 4; i++) {
        consume(2);
        backoffs.push(budget.backoffMs);
        advance(budget.backoffMs);
      }
      assert.deepEqual(backoffs, [1000, 2000, 3000, 3000]);
    });

    it('should reset after a calm period', () => {
      const { budget, advance, consume } = harness(1);
      consume(2);
      advance(1000);
      advance(5000);
      consume(2);
      assert.equal(budget.backoffMs, 1000);
    });

    it('should cancel a running back-off on stop without calling onChange', () => {
      const { budget, changes, advance, consume } = harness(1);
      consume(2);
      budget.stop();
      advance(5000);
      assert.deepEqual(changes, [false]);
      assert.equal(budget.backingOff, false);
    });
  });
});
