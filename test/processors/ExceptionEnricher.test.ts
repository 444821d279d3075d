import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { ENRICHER_DEFAULTS, ExceptionEnricher } from '../../processors/ExceptionEnricher.ts';
import { FINGERPRINT, FRAMES } from '../../processors/semconv.ts';
import { TestCapture } from './TestCapture.ts';

const TRACE_A = { traceId: 'a'.repeat(32), spanId: '1'.repeat(16) };
const TRACE_B = { traceId: 'b'.repeat(32), spanId: '2'.repeat(16) };

/** Installs a diag logger that records warnings; removed after each test. */
function spyDiag(): string[] {
  const warnings: string[] = [];
  const record = (message: string) => warnings.push(message);
  const logger: DiagLogger = {
    error: record,
    warn: record,
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, DiagLogLevel.WARN);
  return warnings;
}

function enricher(capture = new TestCapture()) {
  const infos: ErrorInfo[] = [];
  return {
    enricher: new ExceptionEnricher({ capture: capture.capture, onErrorInfo: i => infos.push(i) }),
    infos,
    capture,
  };
}

describe('ExceptionEnricher', () => {
  afterEach(() => diag.disable());

  describe('.capture', () => {
    it('should capture one error once per trace, and again in another trace', () => {
      const { enricher: subject, infos, capture } = enricher();
      const error = new Error('shared');
      const first = subject.capture(error, TRACE_A);
      assert.equal(subject.capture(error, { ...TRACE_A, spanId: '3'.repeat(16) }), first);
      const other = subject.capture(error, TRACE_B);
      assert.notEqual(other, first);
      assert.equal(capture.calls, 2);
      assert.deepEqual(
        infos.map(info => info.trace),
        [TRACE_A, TRACE_B],
      );
      assert.deepEqual([first?.occurrence, other?.occurrence], [1, 2]);
    });

    it('should capture every time outside a trace and for primitives', () => {
      const { enricher: subject, capture } = enricher();
      const error = new Error('no trace');
      subject.capture(error, null);
      subject.capture(error, null);
      subject.capture('text', TRACE_A);
      subject.capture('text', TRACE_A);
      assert.equal(capture.calls, 4);
    });

    it('should give the capture the resource and keep it in the report', () => {
      let seen: unknown;
      const subject = new ExceptionEnricher({
        capture: (error, context) => {
          seen = context.resource;
          return new TestCapture().capture(error);
        },
      });
      const enriched = subject.capture(new Error('x'), TRACE_A, () => ({ 'service.name': 'svc' }));
      assert.deepEqual(seen, { 'service.name': 'svc' });
      assert.deepEqual(enriched?.info.resource, { 'service.name': 'svc' });
    });

    it('should return null and warn once when the capture throws', () => {
      const warnings = spyDiag();
      const { enricher: subject, infos } = enricher(new TestCapture({ fail: true }));
      assert.equal(subject.capture(new Error('a'), TRACE_A), null);
      assert.equal(subject.capture(new Error('b'), TRACE_A), null);
      assert.equal(infos.length, 0);
      assert.equal(warnings.filter(w => w.includes('capture failed')).length, 1);
    });
  });

  describe('listeners', () => {
    it('should add and remove listeners, and survive a throwing one', () => {
      const warnings = spyDiag();
      const { enricher: subject } = enricher();
      const seen: string[] = [];
      const remove = subject.addListener(info => seen.push(info.exception.message));
      subject.addListener(() => {
        throw new Error('listener bug');
      });
      subject.capture(new Error('one'), null);
      remove();
      subject.capture(new Error('two'), null);
      assert.deepEqual(seen, ['one']);
      assert.equal(warnings.filter(w => w.includes('listener threw')).length, 2);
    });
  });

  describe('.attributes', () => {
    it('should build attributes under the given SDK limits', () => {
      const { enricher: subject } = enricher();
      const enriched = subject.capture(new Error('limits'), null);
      assert.ok(enriched);
      const attributes = subject.attributes(enriched, { valueLength: 30, attributeCount: 128 });
      assert.equal(attributes[FINGERPRINT], undefined);
      assert.ok(String(attributes[FRAMES] ?? '').length <= 30);
    });
  });

  describe('handoff', () => {
    it('should hand the enriched exception to what runs inside emitWith, once', () => {
      const { enricher: subject } = enricher();
      const enriched = subject.capture(new Error('handoff'), null);
      assert.ok(enriched);
      const taken: unknown[] = [];
      subject.emitWith(enriched, () => {
        taken.push(subject.takeHandoff(), subject.takeHandoff());
      });
      assert.deepEqual(taken, [enriched, undefined]);
      assert.equal(subject.takeHandoff(), undefined);
    });
  });

  describe('options', () => {
    it('should fall back to the default on a nonsensical limit, with a warning', () => {
      const warnings = spyDiag();
      const subject = new ExceptionEnricher({
        capture: new TestCapture().capture,
        maxTotalLength: -1,
      });
      const enriched = subject.capture(new Error('x'), null);
      assert.ok(enriched);
      assert.ok(
        subject.attributes(enriched, { valueLength: Infinity, attributeCount: 128 })[FRAMES],
      );
      assert.ok(warnings.some(w => w.includes('maxTotalLength: -1')));
      assert.equal(ENRICHER_DEFAULTS.maxTotalLength, 16384);
    });
  });

  describe('storm key and CallSites', () => {
    function failingCheckout(): never {
      throw new TypeError('no cart');
    }

    it('should capture structured frames although the storm key formats the stack first', () => {
      const previous: unknown = Reflect.get(Error, 'prepareStackTrace');
      // A hook whose text no stack parser reads: only CallSites give frames.
      Error.prepareStackTrace = () => 'custom stack format';
      try {
        const enricher = new ExceptionEnricher();
        let thrown: unknown;
        try {
          failingCheckout();
        } catch (error) {
          thrown = error;
        }
        const enriched = enricher.capture(thrown, null);
        assert.equal((thrown as Error).stack, 'custom stack format');
        assert.equal(enriched?.info.frames[0]?.function, 'failingCheckout');
      } finally {
        Reflect.set(Error, 'prepareStackTrace', previous);
      }
    });
  });
});
