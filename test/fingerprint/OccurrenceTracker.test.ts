import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import {
  OCCURRENCE_TRACKER_DEFAULTS,
  OccurrenceTracker,
} from '../../src/fingerprint/OccurrenceTracker.ts';

const T0 = Date.UTC(2026, 0, 1, 3, 0, 0);
const at = (ms: number): Date => new Date(T0 + ms);

describe('OccurrenceTracker', () => {
  describe('within one window', () => {
    it('should mark the first fullPerWindow occurrences full and only count the rest', () => {
      const tracker = new OccurrenceTracker({ fullPerWindow: 3, windowMs: 1_000 });
      const seen = [0, 10, 20, 30, 40].map(ms => tracker.record('fp', at(ms)));
      assert.deepEqual(
        seen.map(o => o.full),
        [true, true, true, false, false],
      );
      assert.deepEqual(
        seen.map(o => o.count),
        [1, 2, 3, 4, 5],
      );
      assert.deepEqual(seen[4], { count: 5, firstSeen: at(0), lastSeen: at(40), full: false });
    });
    it('should keep fingerprints apart', () => {
      const tracker = new OccurrenceTracker({ fullPerWindow: 1 });
      assert.equal(tracker.record('a', at(0)).full, true);
      assert.equal(tracker.record('a', at(1)).full, false);
      assert.deepEqual(tracker.record('b', at(2)), {
        count: 1,
        firstSeen: at(2),
        lastSeen: at(2),
        full: true,
      });
    });
  });

  describe('across windows', () => {
    it('should start a new window windowMs after the previous one started, the count going on', () => {
      const tracker = new OccurrenceTracker({ fullPerWindow: 2, windowMs: 1_000 });
      const seen = [0, 1, 2, 999, 1_000, 1_001, 1_002, 5_000].map(ms =>
        tracker.record('fp', at(ms)),
      );
      assert.deepEqual(
        seen.map(o => o.full),
        [true, true, false, false, true, true, false, true],
      );
      assert.equal(seen[7]?.count, 8);
      assert.deepEqual(seen[7]?.firstSeen, at(0));
    });
    it('should never move lastSeen backwards when the clock steps back', () => {
      const tracker = new OccurrenceTracker();
      tracker.record('fp', at(5_000));
      const back = tracker.record('fp', at(1_000));
      assert.deepEqual([back.firstSeen, back.lastSeen, back.count], [at(1_000), at(5_000), 2]);
    });
    it('should read the clock when no time is given', () => {
      mock.timers.enable({ apis: ['Date'], now: T0 });
      try {
        const tracker = new OccurrenceTracker();
        tracker.record('fp');
        mock.timers.tick(250);
        assert.deepEqual(tracker.record('fp').lastSeen, at(250));
      } finally {
        mock.timers.reset();
      }
    });
  });

  describe('memory bound', () => {
    it('should forget the least recently seen fingerprint past maxFingerprints', () => {
      const tracker = new OccurrenceTracker({ maxFingerprints: 2 });
      tracker.record('a', at(0));
      tracker.record('b', at(1));
      tracker.record('a', at(2));
      tracker.record('c', at(3));
      assert.equal(tracker.size, 2);
      assert.equal(tracker.record('a', at(4)).count, 3);
      assert.equal(tracker.record('b', at(5)).count, 1);
    });
    it('should hold at most the default 10,000 fingerprints', () => {
      const tracker = new OccurrenceTracker();
      for (let i = 0; i < 15_000; i++) tracker.record(`fp-${i}`, at(i));
      assert.equal(tracker.size, OCCURRENCE_TRACKER_DEFAULTS.maxFingerprints);
    });
  });

  describe('options', () => {
    const warnings: string[] = [];
    before(() => {
      const logger = {
        error() {},
        info() {},
        debug() {},
        verbose() {},
        warn: (m: string) => warnings.push(m),
      };
      diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    });
    after(() => diag.disable());

    const invalid: [string, Record<string, number>][] = [
      ['maxFingerprints 0', { maxFingerprints: 0 }],
      ['fullPerWindow -1', { fullPerWindow: -1 }],
      ['windowMs NaN', { windowMs: Number.NaN }],
    ];
    for (const [name, options] of invalid) {
      it(`should warn about ${name} and use the default`, () => {
        warnings.length = 0;
        const tracker = new OccurrenceTracker(options);
        assert.match(warnings[0] ?? '', /^OccurrenceTracker: invalid /);
        const fulls = Array.from({ length: 11 }, (_, i) => tracker.record('fp', at(i)).full);
        assert.deepEqual(fulls, [...Array<boolean>(10).fill(true), false]);
      });
    }
  });
});
