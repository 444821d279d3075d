import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { installCatchAll, type CaughtOrigin } from '../../src/err/catchAll.ts';

type Listener = (...args: unknown[]) => void;
const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;
// Typed loosely: the test calls and emits the listeners with hand-made arguments.
const emitter: NodeJS.EventEmitter = process;

describe('installCatchAll', () => {
  // The test runner has listeners of its own: set them aside so ours is alone, as in a plain process.
  let saved: Record<string, Listener[]> = {};
  let calls: [unknown, CaughtOrigin, boolean][];
  let remove: () => void;
  beforeEach(() => {
    saved = {};
    for (const event of EVENTS) {
      saved[event] = emitter.listeners(event) as Listener[];
      emitter.removeAllListeners(event);
    }
    calls = [];
    remove = installCatchAll((error, origin, fatal) => void calls.push([error, origin, fatal]));
  });
  afterEach(() => {
    remove();
    for (const event of EVENTS)
      for (const listener of saved[event] ?? []) emitter.on(event, listener);
  });

  const ours = (event: (typeof EVENTS)[number]) => emitter.listeners(event)[0] as Listener;

  describe('an uncaught exception', () => {
    it('should be fatal when no other listener handles it', () => {
      const error = new Error('alone');
      ours('uncaughtException')(error, 'uncaughtException');
      assert.deepEqual(calls, [[error, 'uncaughtException', true]]);
    });

    it('should not be fatal when the application listens too (both run)', () => {
      const theirs: unknown[] = [];
      process.on('uncaughtException', error => theirs.push(error));
      emitter.emit('uncaughtException', new Error('shared'), 'uncaughtException');
      assert.equal(theirs.length, 1);
      assert.deepEqual(
        calls.map(([, origin, fatal]) => [origin, fatal]),
        [['uncaughtException', false]],
      );
    });

    it('should keep the origin of a rejection Node raised as an exception (strict mode)', () => {
      ours('uncaughtException')('reason', 'unhandledRejection');
      assert.deepEqual(calls, [['reason', 'unhandledRejection', true]]);
    });
  });

  describe('an unhandled rejection', () => {
    describe('under --unhandled-rejections=warn-with-error-code', () => {
      // [another listener present, process.exitCode afterwards]: Node sets 1 only when nobody handles it.
      const cases: [boolean, number | undefined][] = [
        [false, 1],
        [true, undefined],
      ];
      for (const [shared, exitCode] of cases) {
        it(`should leave process.exitCode ${String(exitCode)} when ${shared ? 'the application listens too' : 'alone'}`, () => {
          const flag = '--unhandled-rejections=warn-with-error-code';
          process.execArgv.push(flag);
          if (shared) emitter.on('unhandledRejection', () => undefined);
          try {
            ours('unhandledRejection')('reason', Promise.resolve());
            assert.equal(process.exitCode, exitCode);
            assert.deepEqual(calls, [['reason', 'unhandledRejection', false]]);
          } finally {
            process.exitCode = undefined;
            process.execArgv.splice(process.execArgv.indexOf(flag), 1);
          }
        });
      }
    });

    it('should not be fatal when the application listens too', () => {
      process.on('unhandledRejection', () => undefined);
      ours('unhandledRejection')('reason', Promise.resolve());
      assert.deepEqual(calls, [['reason', 'unhandledRejection', false]]);
    });
  });

  describe('the returned function', () => {
    it('should remove both listeners', () => {
      assert.deepEqual(
        EVENTS.map(event => process.listenerCount(event)),
        [1, 1],
      );
      remove();
      assert.deepEqual(
        EVENTS.map(event => process.listenerCount(event)),
        [0, 0],
      );
    });
  });
});
