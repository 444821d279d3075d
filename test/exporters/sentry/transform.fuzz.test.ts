import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toSentryEvent } from '../../../exporters/sentry/transform.ts';
import type { ErrorInfo, ExceptionInfo } from '../../../src/errorinfo/ErrorInfo.ts';
import { anyErrorInfo } from '../../errorinfo/errorInfoArbitrary.ts';
import { sentryEventProblems } from '../../helpers/sentry/sentryEventSchema.ts';

const SEED = 20260611;

function chainSize(exception: ExceptionInfo): number {
  const cause = exception.cause === null ? 0 : chainSize(exception.cause);
  return 1 + cause + exception.errors.reduce((sum, member) => sum + chainSize(member), 0);
}

describe('toSentryEvent', () => {
  describe('any valid ErrorInfo', () => {
    it('should give a schema-valid event with one exception value per exception of the tree', () => {
      fc.assert(
        fc.property(anyErrorInfo, (info: ErrorInfo) => {
          const event = toSentryEvent(info);
          assert.deepEqual(sentryEventProblems(event), []);
          const values = event.exception?.values ?? [];
          assert.equal(values.length, chainSize(info.exception));
          assert.equal(values.at(-1)?.stacktrace?.frames?.length, info.frames.length || undefined);
        }),
        { seed: SEED, numRuns: 200 },
      );
    });
  });
});
