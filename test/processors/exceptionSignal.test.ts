import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exceptionSignalFromEnv, signalTargets } from '../../processors/exceptionSignal.ts';

describe('exceptionSignalFromEnv', () => {
  const cases: { value: string | undefined; expected: string }[] = [
    { value: undefined, expected: 'spans' },
    { value: '', expected: 'spans' },
    { value: 'logs', expected: 'logs' },
    { value: 'logs/dup', expected: 'logs/dup' },
    { value: ' LOGS ', expected: 'logs' },
    { value: 'http,logs', expected: 'logs' },
    { value: 'logs,logs/dup', expected: 'logs/dup' },
    { value: 'database/dup', expected: 'spans' },
  ];
  for (const { value, expected } of cases) {
    it(`should read ${JSON.stringify(value)} as ${expected}`, () => {
      assert.equal(exceptionSignalFromEnv(value), expected);
    });
  }
});

describe('signalTargets', () => {
  it('should map each signal to the span event and log record switches', () => {
    assert.deepEqual(signalTargets('spans'), { spanEvents: true, logRecords: false });
    assert.deepEqual(signalTargets('logs'), { spanEvents: false, logRecords: true });
    assert.deepEqual(signalTargets('logs/dup'), { spanEvents: true, logRecords: true });
  });
});
