import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ExceptionEnricher } from '../../processors/ExceptionEnricher.ts';
import { CaptureTracker } from '../../src/err/CaptureTracker.ts';

describe('CaptureTracker', () => {
  describe('.watch', () => {
    it("should know the captured value while the enricher's listeners run, and nothing after", () => {
      const tracker = new CaptureTracker();
      const enricher = new ExceptionEnricher({ sourceContext: 'none' });
      const seen: unknown[] = [];
      enricher.addListener(() => seen.push(tracker.current()));
      const stop = tracker.watch(enricher);
      const error = new TypeError('captured');
      const enriched = enricher.capture(error, null);
      assert.equal(enriched?.info.exception.message, 'captured');
      assert.deepEqual(seen, [{ found: true, value: error }]);
      assert.deepEqual(tracker.current(), { found: false, value: undefined });
      stop();
      assert.equal(Object.hasOwn(enricher, 'capture'), false, 'own wrapper removed');
    });

    it('should tell a thrown undefined from nothing being captured', () => {
      const tracker = new CaptureTracker();
      const enricher = new ExceptionEnricher({ sourceContext: 'none' });
      let seen: unknown;
      enricher.addListener(() => (seen = tracker.current()));
      tracker.watch(enricher);
      enricher.capture(undefined, null);
      assert.deepEqual(seen, { found: true, value: undefined });
    });

    it('should pop the value when the capture throws', () => {
      const tracker = new CaptureTracker();
      const capturing = {
        capture(): unknown {
          throw new Error('capture bug');
        },
      };
      tracker.watch(capturing);
      assert.throws(() => capturing.capture(), /capture bug/);
      assert.deepEqual(tracker.current(), { found: false, value: undefined });
    });

    it('should leave a later wrapper in place on stop, its own part then passing through', () => {
      const tracker = new CaptureTracker();
      const calls: string[] = [];
      const capturing = {
        capture: (error: unknown) => calls.push(`${String(error)} ${tracker.current().found}`),
      };
      const stop = tracker.watch(capturing);
      const ours = capturing.capture;
      capturing.capture = (error: unknown) => (calls.push('later'), ours(error));
      capturing.capture('before');
      stop();
      capturing.capture('after');
      assert.deepEqual(calls, ['later', 'before true', 'later', 'after false']);
    });
  });
});
