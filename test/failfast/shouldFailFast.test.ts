import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import type { FailFastPolicy } from '../../src/failfast/FailFastPolicy.ts';
import { failFastOn } from '../../src/failfast/policies.ts';
import { shouldFailFast } from '../../src/failfast/shouldFailFast.ts';
import { TestDiagLogger } from '../err/TestDiagLogger.ts';

const error = new TypeError('boom');
const info = captureErrorInfo(error, { sourceContext: 'none' });

describe('shouldFailFast', () => {
  let logger: TestDiagLogger;
  let restore: () => void;
  beforeEach(() => {
    logger = new TestDiagLogger();
    restore = logger.install();
  });
  afterEach(() => restore());

  describe('evaluation order', () => {
    it('should stop at the first policy that says yes', () => {
      const calls: string[] = [];
      const policies: FailFastPolicy[] = [
        () => (calls.push('a'), false),
        { check: () => (calls.push('b'), true) },
        () => (calls.push('c'), true),
      ];
      assert.equal(shouldFailFast(policies, error, info), true);
      assert.deepEqual(calls, ['a', 'b']);
    });

    it('should say no when no policy says yes, and with no policies', () => {
      assert.equal(shouldFailFast([() => false, { check: () => false }], error, info), false);
      assert.equal(shouldFailFast([], error, info), false);
    });

    it('should give each policy the thrown value and its report', () => {
      let seen: unknown[] = [];
      shouldFailFast([(e, i) => ((seen = [e, i]), false)], error, info);
      assert.equal(seen[0], error);
      assert.equal(seen[1], info);
    });

    it('should take a truthy non-boolean as yes (plain JavaScript predicates)', () => {
      const matchLike = ((e: unknown) => String(e).match(/boom/)) as unknown as FailFastPolicy;
      assert.equal(shouldFailFast([matchLike], error, info), true);
    });
  });

  describe('a throwing policy', () => {
    it('should count as no, be logged with its position and name, and not stop the next ones', () => {
      const broken = function brokenRule(): boolean {
        throw new Error('rule bug');
      };
      assert.equal(shouldFailFast([broken, failFastOn(TypeError)], error, info), true);
      assert.deepEqual(logger.at('warn'), [
        'warn: FailFast: policy #1 (brokenRule) threw: Error: rule bug',
      ]);
    });

    it('should name built-in and plain object policies', () => {
      const throwing = {
        check(): boolean {
          throw new Error('object bug');
        },
      };
      const builtIn = failFastOn('TypeError');
      builtIn.check = () => {
        throw new Error('built-in bug');
      };
      assert.equal(shouldFailFast([throwing, builtIn], error, info), false);
      assert.deepEqual(logger.at('warn'), [
        'warn: FailFast: policy #1 (object with check()) threw: Error: object bug',
        'warn: FailFast: policy #2 (failFastOn("TypeError")) threw: Error: built-in bug',
      ]);
    });
  });
});
