import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '@opentelemetry/api';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import { Err } from '../../src/err/Err.ts';
import type { ErrOptions } from '../../src/err/ErrOptions.ts';
import { registeredTracerProvider } from '../../src/err/tracing.ts';
import { TestSpanExporter } from './TestSpanExporter.ts';

const EVENTS = ['uncaughtException', 'unhandledRejection', 'beforeExit', 'exit'] as const;

function listenerCounts(): Record<string, number> {
  return Object.fromEntries(EVENTS.map(name => [name, process.listenerCount(name)]));
}

/** Quiet options: no printing, no inspector session. */
const QUIET: ErrOptions = { format: null, locals: 'off' };

describe('Err', () => {
  let err = new Err();
  afterEach(async () => {
    await err.shutdown();
    err = new Err();
  });

  describe('.setup with a bad option', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        'an unknown option',
        { catchall: true },
        /Invalid option `catchall` .*Valid options: .*catchAll/,
      ],
      ['a bad format', { format: 'fancy' }, /`format: "fancy"`.*'basic', 'terse', 'extend'/],
      ['a bad locals mode', { locals: 'some' }, /`locals: "some"`.*'off', 'uncaught' or 'all'/],
      ['a bad exit code', { failFastCode: 300 }, /`failFastCode: 300`.*0 to 255/],
      ['a bad middleware', { middleware: [42] }, /`middleware: \[42\]`.*functions or objects/],
      [
        'a bad span processor',
        { spanProcessors: [{}] },
        /`spanProcessors: \[\{\}\]`.*span processors/,
      ],
      ['an empty name', { name: '' }, /`name: ""`.*non-empty string/],
      ['a bad policy', { failFast: 'TypeError' }, /`failFast: "TypeError"`.*a policy/],
      [
        'an uncatchable signal',
        { gracefulSignals: ['SIGSTOP'] },
        /`gracefulSignals: \["SIGSTOP"\]`.*not SIGKILL/,
      ],
    ];
    for (const [label, options, message] of cases) {
      it(`should throw a TypeError naming ${label} and install nothing`, () => {
        const before = listenerCounts();
        const limit = Error.stackTraceLimit;
        assert.throws(
          () => err.setup({ ...QUIET, catchAll: true, stackTraceLimit: 500, ...options }),
          (error: unknown) => error instanceof TypeError && message.test(error.message),
        );
        assert.deepEqual(listenerCounts(), before);
        assert.equal(Error.stackTraceLimit, limit);
        err.setup(QUIET); // nothing half-installed: a valid set-up goes through
      });
    }

    it('should reject options that are not an object', () => {
      assert.throws(() => err.setup('terse' as unknown as ErrOptions), {
        name: 'TypeError',
        message: 'err.setup(options): options must be an object, not "terse".',
      });
    });
  });

  describe('.addFailFast and .addCleanup with bad values', () => {
    it('should throw TypeErrors that name the call', () => {
      assert.throws(
        () => err.addFailFast(42 as unknown as () => boolean),
        /^TypeError: err\.addFailFast\(policy\): a policy must be a function/,
      );
      assert.throws(
        () => err.addCleanup(null as unknown as () => void),
        /^TypeError: err\.addCleanup\(cleanup\): cleanup must be a function, not null\.$/,
      );
    });
  });

  describe('.setup called twice', () => {
    it('should throw an error that says to shut down first, and work again after shutdown', async () => {
      err.setup(QUIET);
      assert.throws(() => err.setup(QUIET), {
        message:
          'err.setup() was already called: call `await err.shutdown()` before setting it up again.',
      });
      await err.shutdown();
      err.setup(QUIET);
    });
  });

  describe('.shutdown', () => {
    it('should remove the handlers it added and restore Error.stackTraceLimit', async () => {
      const before = listenerCounts();
      const limit = Error.stackTraceLimit;
      err.setup({ ...QUIET, catchAll: true, stackTraceLimit: limit + 100 });
      assert.equal(Error.stackTraceLimit, limit + 100);
      assert.deepEqual(
        listenerCounts(),
        Object.fromEntries(EVENTS.map(name => [name, (before[name] ?? 0) + 1])),
      );
      await err.shutdown();
      assert.deepEqual(listenerCounts(), before);
      assert.equal(Error.stackTraceLimit, limit);
    });

    it('should add only the exit flush listeners without catchAll, and remove them', async () => {
      const before = listenerCounts();
      err.setup(QUIET);
      assert.deepEqual(listenerCounts(), {
        ...before,
        beforeExit: (before.beforeExit ?? 0) + 1,
        exit: (before.exit ?? 0) + 1,
      });
      await err.shutdown();
      assert.deepEqual(listenerCounts(), before);
    });

    it('should remove the graceful signal listeners and leave the earlier ones', async () => {
      const earlier = () => {};
      process.on('SIGTERM', earlier);
      try {
        const before = ['SIGTERM', 'SIGINT', 'SIGHUP'].map(name => process.listenerCount(name));
        err.setup({ ...QUIET, gracefulSignals: ['SIGTERM', 'SIGINT'] });
        assert.deepEqual(
          ['SIGTERM', 'SIGINT', 'SIGHUP'].map(name => process.listenerCount(name)),
          [before[0]! + 1, before[1]! + 1, before[2]],
        );
        await err.shutdown();
        assert.deepEqual(
          ['SIGTERM', 'SIGINT', 'SIGHUP'].map(name => process.listenerCount(name)),
          before,
        );
        assert.ok(process.listeners('SIGTERM').includes(earlier));
      } finally {
        process.off('SIGTERM', earlier);
      }
    });

    it('should drop the fail-fast policies, so that the next setup starts without them', async () => {
      const seen: string[] = [];
      err.setup({ ...QUIET, failFast: () => (seen.push('setup policy'), false) });
      err.addFailFast(() => (seen.push('added policy'), false));
      err.process(new Error('evaluated'));
      await err.shutdown();
      err.setup(QUIET);
      err.process(new Error('not evaluated'));
      assert.deepEqual(seen, ['setup policy', 'added policy']);
    });

    it('should do nothing when nothing is set up', async () => {
      await err.shutdown();
      await err.shutdown();
    });
  });

  describe('without an OpenTelemetry SDK', () => {
    it('should record on a span of its own pipeline and register no global provider', async () => {
      const exporter = new TestSpanExporter();
      err.setup({ ...QUIET, spanProcessors: [new BatchSpanProcessor({ exporter })] });
      const info = err.process(new Error('standalone'));
      assert.equal(registeredTracerProvider(), null);
      await err.flush();
      const [span] = exporter.spans;
      assert.equal(span?.name, 'err.process');
      assert.equal(span.spanContext().traceId, info?.trace?.traceId);
      assert.equal(span.events[0]?.attributes?.['otel_err.fingerprint'], info?.fingerprint);
    });

    it('should shut down the extra span processors with it', async () => {
      const exporter = new TestSpanExporter();
      err.setup({ ...QUIET, spanProcessors: [new BatchSpanProcessor({ exporter })] });
      err.process(new Error('exported at shutdown'));
      await err.shutdown();
      assert.equal(exporter.spans.length, 1);
      assert.equal(exporter.shutDown, true);
    });
  });

  describe('with a registered TracerProvider', () => {
    it('should record on the live provider, flush it, and never register another one', async () => {
      const exporter = new TestSpanExporter();
      const provider = new TracerProvider({
        spanProcessors: [new ExceptionSpanProcessor(), new BatchSpanProcessor({ exporter })],
      });
      trace.setGlobalTracerProvider(provider);
      try {
        const setGlobal = trace.setGlobalTracerProvider.bind(trace);
        let registrations = 0;
        trace.setGlobalTracerProvider = candidate => (registrations++, setGlobal(candidate));
        err.setup(QUIET);
        const info = err.process(new Error('on the live provider'));
        await err.flush(); // flushes the live provider's BatchSpanProcessor
        trace.setGlobalTracerProvider = setGlobal;
        assert.equal(registrations, 0);
        assert.equal(registeredTracerProvider(), provider);
        const [span] = exporter.spans;
        assert.equal(span?.spanContext().spanId, info?.trace?.spanId);
        assert.equal(span?.events[0]?.attributes?.['otel_err.fingerprint'], info?.fingerprint);
      } finally {
        trace.disable();
        await provider.shutdown();
      }
    });
  });
});
