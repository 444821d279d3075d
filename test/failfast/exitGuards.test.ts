import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { installExitGuards } from '../../src/failfast/exitGuards.ts';
import { TestDiagLogger } from '../err/TestDiagLogger.ts';

const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;
type Listener = (...args: unknown[]) => void;
/** `process.emit` without the per-event typing (the origin argument is not in @types/node's signature). */
const emit = process.emit.bind(process) as (event: string, ...args: unknown[]) => boolean;

describe('installExitGuards', () => {
  // The test runner listens to these events too: set its listeners aside while events are emitted by hand.
  let saved: Map<string, Listener[]>;
  let logger: TestDiagLogger;
  let restoreDiag: () => void;
  beforeEach(() => {
    saved = new Map(EVENTS.map(name => [name, process.rawListeners(name) as Listener[]]));
    for (const name of EVENTS) process.removeAllListeners(name);
    logger = new TestDiagLogger();
    restoreDiag = logger.install();
  });
  afterEach(() => {
    restoreDiag();
    for (const name of EVENTS) {
      process.removeAllListeners(name);
      for (const listener of saved.get(name) ?? []) process.on(name, listener);
    }
  });

  describe('a second uncaught exception', () => {
    it('should exit at once, before other listeners, with one line on stderr', t => {
      const order: string[] = [];
      const written = t.mock.method(process.stderr, 'write', () => true);
      process.on('uncaughtException', () => order.push('application'));
      const undo = installExitGuards(() => order.push('exit'));
      emit('uncaughtException', new Error('second failure'), 'uncaughtException');
      undo();
      assert.deepEqual(order, ['exit', 'application']);
      assert.deepEqual(
        written.mock.calls.map(call => call.arguments[0]),
        [
          'otel-err: another uncaught exception while exiting, exiting now: Error: second failure\n',
        ],
      );
    });

    it('should let the triggering error thrown again pass, and exit for any other', t => {
      t.mock.method(process.stderr, 'write', () => true);
      const trigger = new Error('the trigger');
      let exits = 0;
      const undo = installExitGuards(() => exits++, { value: trigger });
      emit('uncaughtException', trigger, 'uncaughtException');
      assert.equal(exits, 0, 'a rethrow is not a second error');
      emit('uncaughtException', new Error('the trigger'), 'uncaughtException');
      undo();
      assert.equal(exits, 1, 'an equal-looking but different error is');
    });

    it('should exit even when the value cannot be printed', t => {
      t.mock.method(process.stderr, 'write', () => true);
      let exits = 0;
      const undo = installExitGuards(() => exits++);
      const hostile = {
        toString() {
          throw new Error('no');
        },
      };
      emit('uncaughtException', hostile, 'uncaughtException');
      undo();
      assert.equal(exits, 1);
    });
  });

  describe('rejections while exiting', () => {
    it('should be logged and ignored, also when Node raises them as exceptions (strict)', () => {
      let exits = 0;
      const undo = installExitGuards(() => exits++);
      emit('unhandledRejection', new Error('Concurrent export limit reached'), Promise.resolve());
      emit('uncaughtException', new Error('strict-mode rejection'), 'unhandledRejection');
      undo();
      assert.equal(exits, 0);
      assert.deepEqual(
        logger.messages.filter(message => message.includes('FailFast')),
        [
          'warn: FailFast: ignored a rejection while exiting (1 so far): Error: Concurrent export limit reached',
          'debug: FailFast: ignored a rejection while exiting (2 so far): Error: strict-mode rejection',
        ],
      );
    });
  });

  describe('the returned function', () => {
    it('should remove both guards', () => {
      const undo = installExitGuards(() => {});
      assert.deepEqual(
        EVENTS.map(name => process.listenerCount(name)),
        [1, 1],
      );
      undo();
      assert.deepEqual(
        EVENTS.map(name => process.listenerCount(name)),
        [0, 0],
      );
    });
  });
});
