import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Event } from '@sentry/core';
import { fitEvent } from '../../../exporters/sentry/fitEvent.ts';
import { toSentryEvent } from '../../../exporters/sentry/transform.ts';
import type { ErrorInfo, Frame } from '../../../src/errorinfo/ErrorInfo.ts';
import { minimalErrorInfo, sampleChained, sampleFrame } from '../../errorinfo/sampleErrorInfo.ts';
import { sentryEventProblems } from '../../helpers/sentry/sentryEventSchema.ts';

const LIMIT = 20_000;

function frame(i: number, overrides: Partial<Frame> = {}): Frame {
  return sampleFrame({
    function: `f${i}`,
    file: '/srv/a.js',
    line: i + 1,
    column: 1,
    ...overrides,
  });
}

function report(frames: Frame[], causes = 0): ErrorInfo {
  let cause = null;
  for (let i = 0; i < causes; i++) cause = sampleChained({ message: `cause ${i}`, cause, frames });
  const info = minimalErrorInfo();
  return { ...info, exception: { ...info.exception, cause }, frames };
}

function size(event: Event): number {
  return Buffer.byteLength(JSON.stringify(event));
}

describe('fitEvent', () => {
  const bigVars = { blob: 'x'.repeat(LIMIT) };
  const lines = Array.from({ length: 15 }, () => 'y'.repeat(100));
  const source = { firstLine: 1, currentLine: 8, lines };
  const cases: [string, ErrorInfo, string[]][] = [
    ['large frame variables', report([frame(0, { locals: bigVars })]), ['vars']],
    [
      'large source context',
      report(Array.from({ length: 20 }, (_, i) => frame(i, { source }))),
      ['vars', 'context'],
    ],
    [
      'a very deep stack',
      report(Array.from({ length: 400 }, (_, i) => frame(i))),
      ['vars', 'context', 'frames'],
    ],
    [
      'a long chain of deep stacks',
      report(
        Array.from({ length: 50 }, (_, i) => frame(i)),
        12,
      ),
      ['vars', 'context', 'frames', 'exceptions'],
    ],
  ];

  describe('an event over the limit', () => {
    for (const [name, info, steps] of cases) {
      it(`should trim ${name} by ${steps.at(-1)}, and say so in extra`, () => {
        const event = toSentryEvent(info, { maxEventBytes: LIMIT });
        assert.ok(size(event) <= LIMIT, `${size(event)} bytes`);
        assert.deepEqual(event.extra?.['otel_err.trimmed'], steps);
        assert.deepEqual(sentryEventProblems(event), []);
      });
    }

    it('should keep the 50 frames nearest the throw and the thrown exception', () => {
      const [, deep] = cases[2]!;
      const frames = toSentryEvent(deep, { maxEventBytes: LIMIT }).exception?.values?.[0]
        ?.stacktrace?.frames;
      assert.deepEqual(
        frames?.map(f => f.function),
        Array.from({ length: 50 }, (_, i) => `f${49 - i}`),
      );
      const [, chain] = cases[3]!;
      const values = toSentryEvent(chain, { maxEventBytes: LIMIT }).exception?.values;
      assert.deepEqual(
        values?.map(v => v.value),
        ['boom'],
      );
    });
  });

  describe('an event within the limit', () => {
    it('should return the very same event', () => {
      const event = toSentryEvent(report([frame(0)]));
      assert.equal(fitEvent(event, LIMIT), event);
      assert.equal(event.extra?.['otel_err.trimmed'], undefined);
    });
  });
});
