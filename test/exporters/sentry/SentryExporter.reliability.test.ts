import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import {
  SentryExporter,
  type SentryExporterOptions,
} from '../../../exporters/sentry/SentryExporter.ts';
import { TestDiagLogger } from '../../err/TestDiagLogger.ts';
import { SentryServer } from '../../helpers/sentry/SentryServer.ts';
import { chainedErrorInfo } from './chainedError.ts';

type ExportResult = Parameters<Parameters<SentryExporter['export']>[1]>[0];

/** A span with one exception event, as far as `export` looks at it. */
const SPAN = {
  name: 'work',
  spanContext: () => ({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 }),
  events: [{ name: 'exception', time: [0, 0] }],
} as unknown as ReadableSpan;

/** Runs `fn` and measures its duration and the longest gap of a 5 ms interval meanwhile. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; maxGapMs: number }> {
  let last = performance.now();
  let maxGapMs = 0;
  const interval = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - start, maxGapMs };
  } finally {
    clearInterval(interval);
  }
}

describe('SentryExporter', () => {
  let server: SentryServer;
  let logger: TestDiagLogger;
  let undoLogger: () => void;
  const exporters: SentryExporter[] = [];
  const make = (options: SentryExporterOptions = {}) => {
    const errorInfoOf = (_span: ReadableSpan, event: TimedEvent) =>
      event.name === 'exception' ? chainedErrorInfo() : null;
    const exporter = new SentryExporter({ dsn: server.dsn, errorInfoOf, ...options });
    exporters.push(exporter);
    return exporter;
  };
  const exportOf = (exporter: SentryExporter) =>
    new Promise<ExportResult>(resolve => exporter.export([SPAN], resolve));
  const sendMany = (exporter: SentryExporter, count: number) =>
    Promise.all(Array.from({ length: count }, () => exporter.sendErrorInfo(chainedErrorInfo())));

  before(async () => {
    server = await SentryServer.start();
  });
  afterEach(async () => {
    server.respond({});
    await Promise.all(exporters.splice(0).map(exporter => exporter.shutdown()));
    server.received.length = 0;
    undoLogger();
  });
  after(() => server.close());
  // Each test gets a fresh logger (installed first thing, as `make` may log).
  const installLogger = () => {
    logger = new TestDiagLogger();
    undoLogger = logger.install();
  };

  describe('a 429 with Retry-After: 60', () => {
    it('should drop later events without a request and without waiting', async () => {
      installLogger();
      server.respond({ status: 429, headers: { 'retry-after': '60' } });
      const exporter = make();
      assert.equal(await exporter.sendErrorInfo(chainedErrorInfo()), false);
      server.respond({});
      const { value, ms } = await timed(async () => [
        ...(await sendMany(exporter, 3)),
        (await exportOf(exporter)).code,
      ]);
      assert.deepEqual(value, [false, false, false, 1]);
      assert.ok(ms < 250, `${ms} ms`);
      assert.equal(server.received.length, 1);
      assert.deepEqual(exporter.droppedEvents, { http_429: 1, ratelimit_backoff: 4 });
      assert.equal(logger.at('warn').length, 2, logger.messages.join('\n'));
    });
  });

  describe('X-Sentry-Rate-Limits', () => {
    it('should stop errors when the error category is limited', async () => {
      installLogger();
      server.respond({ status: 429, headers: { 'x-sentry-rate-limits': '60:error:organization' } });
      const exporter = make();
      await exporter.sendErrorInfo(chainedErrorInfo());
      server.respond({});
      assert.deepEqual(await sendMany(exporter, 2), [false, false]);
      assert.equal(server.received.length, 1);
    });

    it('should keep sending errors when only another category is limited', async () => {
      installLogger();
      server.respond({ headers: { 'x-sentry-rate-limits': '60:transaction:organization' } });
      const exporter = make();
      assert.deepEqual(await sendMany(exporter, 1), [true]);
      assert.deepEqual(await sendMany(exporter, 2), [true, true]);
      assert.equal(server.received.length, 3);
    });
  });

  describe('a 503 with Retry-After: 1', () => {
    it('should report the failure, back off for one second, then send again', async () => {
      installLogger();
      server.respond({ status: 503, headers: { 'retry-after': '1' } });
      const exporter = make();
      assert.equal((await exportOf(exporter)).code, 1);
      server.respond({});
      assert.deepEqual(await sendMany(exporter, 1), [false]);
      assert.equal(server.received.length, 1);
      await sleep(1100);
      assert.deepEqual(await sendMany(exporter, 1), [true]);
      assert.equal(server.received.length, 2);
    });
  });

  describe('a hanging server', () => {
    it('should answer export within the timeout, without blocking the event loop', async () => {
      installLogger();
      server.respond({ status: 'hang' });
      const exporter = make({ timeoutMs: 300 });
      const { value, ms, maxGapMs } = await timed(() => exportOf(exporter));
      assert.equal(value.code, 1);
      assert.ok(ms >= 250 && ms < 1000, `${ms} ms`);
      assert.ok(maxGapMs < 200, `event loop gap ${maxGapMs} ms`);
      assert.equal(exporter.droppedEvents.network_error, 1);
      assert.match(logger.at('warn')[0] ?? '', /no answer from Sentry within 300 ms/);
    });

    it('should return from flush(timeout) and forceFlush within their deadlines', async () => {
      installLogger();
      server.respond({ status: 'hang' });
      const exporter = make({ timeoutMs: 400 });
      exporter.exportErrorInfo(chainedErrorInfo());
      const short = await timed(() => exporter.flush(50));
      assert.equal(short.value, false);
      assert.ok(short.ms < 200, `${short.ms} ms`);
      const force = await timed(() => exporter.forceFlush());
      assert.ok(short.ms + force.ms < 400 + 300, `${short.ms + force.ms} ms`);
      assert.ok(force.maxGapMs < 200, `event loop gap ${force.maxGapMs} ms`);
    });

    it('should drop what exceeds the bounded buffer at once', async () => {
      installLogger();
      server.respond({ status: 'hang' });
      const exporter = make({ timeoutMs: 400, bufferSize: 2 });
      const pending = sendMany(exporter, 2);
      const { value, ms } = await timed(() => exporter.sendErrorInfo(chainedErrorInfo()));
      assert.equal(value, false);
      assert.ok(ms < 250, `${ms} ms`);
      assert.deepEqual(exporter.droppedEvents, { queue_overflow: 1 });
      assert.deepEqual(await pending, [false, false]);
    });
  });

  describe('a custom transport that misbehaves', () => {
    const table: [string, () => PromiseLike<never>, string, number][] = [
      ['never settles', () => new Promise<never>(() => undefined), 'timeout', 1000],
      [
        'throws',
        () => {
          throw new Error('broken');
        },
        'network_error',
        0,
      ],
    ];
    for (const [name, send, reason, graceMs] of table) {
      it(`should still answer export when it ${name}`, async () => {
        installLogger();
        const exporter = make({
          timeoutMs: 50,
          transport: () => ({ send, flush: () => Promise.resolve(true) }),
        });
        const { value, ms } = await timed(() => exportOf(exporter));
        assert.equal(value.code, 1);
        assert.ok(ms >= graceMs && ms < graceMs + 300, `${ms} ms`);
        assert.deepEqual(exporter.droppedEvents, { [reason]: 1 });
      });
    }
  });

  describe('a server that is down', () => {
    it('should count the failures and log the first one only', async () => {
      installLogger();
      const gone = await SentryServer.start();
      const dsn = gone.dsn;
      await gone.close();
      const exporter = make({ dsn });
      assert.deepEqual(await sendMany(exporter, 2), [false, false]);
      assert.equal((await exportOf(exporter)).code, 1);
      assert.deepEqual(exporter.droppedEvents, { network_error: 3 });
      assert.equal(logger.at('warn').length, 1);
      assert.match(logger.at('warn')[0] ?? '', /could not reach Sentry: .*ECONNREFUSED/);
    });
  });
});
