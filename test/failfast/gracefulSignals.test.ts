import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  installGracefulSignals,
  isCatchableSignal,
  signalExitCode,
} from '../../src/failfast/gracefulSignals.ts';

describe('gracefulSignals', () => {
  describe('isCatchableSignal', () => {
    const cases: [unknown, boolean][] = [
      ['SIGTERM', true],
      ['SIGINT', true],
      ['SIGHUP', true],
      ['SIGKILL', false],
      ['SIGSTOP', false],
      ['SIGNOPE', false],
      ['sigterm', false],
      ['toString', false],
      [15, false],
      [null, false],
    ];
    for (const [value, expected] of cases) {
      it(`should say ${String(expected)} for ${String(value)}`, () => {
        assert.equal(isCatchableSignal(value), expected);
      });
    }
  });

  describe('signalExitCode', () => {
    it('should be 128 + the signal number, as shells report it', () => {
      assert.deepEqual(
        (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(signalExitCode),
        [130, 143, 129],
      );
    });
  });

  describe('installGracefulSignals', () => {
    it('should call back with the signal and its exit code, and remove its listeners', () => {
      const before = ['SIGTERM', 'SIGINT'].map(name => process.listenerCount(name));
      const seen: [string, number][] = [];
      const undo = installGracefulSignals(['SIGTERM', 'SIGINT'], (signal, code) =>
        seen.push([signal, code]),
      );
      process.emit('SIGINT', 'SIGINT');
      process.emit('SIGTERM', 'SIGTERM');
      undo();
      assert.deepEqual(seen, [
        ['SIGINT', 130],
        ['SIGTERM', 143],
      ]);
      assert.deepEqual(
        ['SIGTERM', 'SIGINT'].map(name => process.listenerCount(name)),
        before,
      );
    });
  });
});
