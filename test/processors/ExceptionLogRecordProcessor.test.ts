import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { context, SeverityNumber, trace } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { emitExceptionLog } from '../../processors/emitExceptionLog.ts';
import { ExceptionEnricher } from '../../processors/ExceptionEnricher.ts';
import { ExceptionLogRecordProcessor } from '../../processors/ExceptionLogRecordProcessor.ts';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import { EXCEPTION_SIGNAL_ENV } from '../../processors/exceptionSignal.ts';
import * as names from '../../processors/semconv.ts';
import { attributesOf, stringOf } from '../helpers/otlp/attributesOf.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';
import { TestCapture } from './TestCapture.ts';

/** Both SDKs wired as the docs say: our processors first, OTLP JSON exporters to the receiver. */
function pipelines(
  receiver: OtlpReceiver,
  logRecordLimits?: { attributeValueLengthLimit: number },
) {
  const infos: ErrorInfo[] = [];
  const enricher = new ExceptionEnricher({
    capture: new TestCapture({ source: true }).capture,
    onErrorInfo: info => infos.push(info),
  });
  const loggerProvider = new LoggerProvider({
    logRecordLimits,
    processors: [
      new ExceptionLogRecordProcessor({ enricher }),
      new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: receiver.logsUrl }) }),
    ],
  });
  const tracerProvider = new TracerProvider({
    spanProcessors: [
      new ExceptionSpanProcessor({ enricher, loggerProvider }),
      new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: receiver.tracesUrl }) }),
    ],
  });
  const flush = async () => {
    await tracerProvider.shutdown();
    await loggerProvider.shutdown();
  };
  return { infos, enricher, loggerProvider, tracer: tracerProvider.getTracer('test'), flush };
}

describe('ExceptionLogRecordProcessor', () => {
  let receiver: OtlpReceiver;
  const savedSignal = process.env[EXCEPTION_SIGNAL_ENV];
  before(async () => {
    receiver = await OtlpReceiver.start();
  });
  after(async () => {
    await receiver.close();
  });
  afterEach(() => {
    receiver.requests.length = 0;
    if (savedSignal === undefined) delete process.env[EXCEPTION_SIGNAL_ENV];
    else process.env[EXCEPTION_SIGNAL_ENV] = savedSignal;
  });

  describe(`${EXCEPTION_SIGNAL_ENV} with span.recordException`, () => {
    const cases = [
      { value: undefined, spanEvent: true, logRecord: false },
      { value: 'logs', spanEvent: false, logRecord: true },
      { value: 'logs/dup', spanEvent: true, logRecord: true },
    ];
    for (const { value, spanEvent, logRecord } of cases) {
      it(`should send ${[spanEvent && 'a span event', logRecord && 'a log record'].filter(Boolean).join(' and ')} when ${value ?? 'unset'}`, async () => {
        if (value === undefined) delete process.env[EXCEPTION_SIGNAL_ENV];
        else process.env[EXCEPTION_SIGNAL_ENV] = value;
        const { infos, tracer, flush } = pipelines(receiver);
        const span = tracer.startSpan('request');
        span.recordException(new TypeError(`signal ${value}`));
        span.end();
        await flush();
        await receiver.waitFor(
          r => r.spans().length === 1 && r.logRecords().length === (logRecord ? 1 : 0),
        );
        assert.equal(infos.length, 1);
        const fingerprint = infos[0]?.fingerprint;
        const [exported] = receiver.spans();
        const events = exported?.events.filter(event => event.name === 'exception') ?? [];
        assert.equal(events.length, spanEvent ? 1 : 0);
        if (spanEvent)
          assert.equal(attributesOf(events[0]?.attributes)[names.FINGERPRINT], fingerprint);
        if (!logRecord) return;
        const [record] = receiver.logRecords();
        assert.equal(record?.eventName, 'exception');
        assert.equal(record?.severityNumber, SeverityNumber.ERROR);
        assert.equal(record?.traceId, exported?.traceId);
        assert.equal(record?.spanId, exported?.spanId);
        const attributes = attributesOf(record?.attributes);
        assert.equal(attributes[names.EXCEPTION_TYPE], 'TypeError');
        assert.equal(attributes[names.FINGERPRINT], fingerprint);
        assert.ok(JSON.parse(stringOf(attributes[names.FRAMES])));
      });
    }
  });

  describe('log records emitted with an exception', () => {
    it('should enrich them like span events, linked to the active trace', async () => {
      const { infos, loggerProvider, tracer, flush } = pipelines(receiver);
      const logger = loggerProvider.getLogger('app');
      logger.emit({ body: 'started' });
      let thrown: unknown;
      try {
        readFileSync('/nonexistent/otel-err/log');
      } catch (error) {
        thrown = error;
      }
      const span = tracer.startSpan('job');
      // No global context manager here: the span's context is passed explicitly.
      logger.emit({
        eventName: 'exception',
        severityNumber: SeverityNumber.FATAL,
        exception: thrown,
        context: trace.setSpan(context.active(), span),
      });
      span.end();
      await flush();
      await receiver.waitFor(r => r.logRecords().length === 2);
      const record = receiver.logRecords().find(candidate => candidate.eventName === 'exception');
      const attributes = attributesOf(record?.attributes);
      assert.equal(record?.traceId, span.spanContext().traceId);
      assert.equal(attributes[names.EXCEPTION_TYPE], 'Error');
      assert.equal(attributes[names.EXCEPTION_CODE], 'ENOENT');
      assert.equal(attributes[names.FINGERPRINT], infos[0]?.fingerprint);
      assert.equal(infos.length, 1);
      assert.deepEqual(infos[0]?.trace, {
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
      });
      assert.equal(
        attributesOf(receiver.logRecords()[0]?.attributes)[names.FINGERPRINT],
        undefined,
      );
    });

    it('should rebuild the exception from the exception.* attributes when no object came with them', async () => {
      const { infos, loggerProvider, flush } = pipelines(receiver);
      const stack = new Error('from text').stack ?? '';
      loggerProvider.getLogger('app').emit({
        attributes: {
          [names.EXCEPTION_TYPE]: 'RangeError',
          [names.EXCEPTION_MESSAGE]: 'from text',
          [names.EXCEPTION_STACKTRACE]: stack,
        },
      });
      await flush();
      await receiver.waitFor(r => r.logRecords().length === 1);
      const attributes = attributesOf(receiver.logRecords()[0]?.attributes);
      assert.equal(attributes[names.EXCEPTION_TYPE], 'RangeError');
      assert.equal(attributes[names.EXCEPTION_STACKTRACE], stack);
      assert.match(stringOf(attributes[names.FINGERPRINT]), /^[0-9a-f-]{36}$/);
      assert.equal(infos[0]?.trace, null);
    });

    it('should keep its JSON attributes parseable under a small attribute length limit', async () => {
      // Long enough for a frame item whatever the checkout's path; shorter than the stack and all the frames.
      const { loggerProvider, flush } = pipelines(receiver, { attributeValueLengthLimit: 1000 });
      const logger = loggerProvider.getLogger('app');
      logger.emit({ body: 'warm-up' });
      logger.emit({ exception: new Error('limited '.repeat(200)) });
      await flush();
      await receiver.waitFor(r => r.logRecords().length === 2);
      const record = receiver.logRecords().find(candidate => candidate.attributes.length > 0);
      const attributes = attributesOf(record?.attributes);
      for (const [key, value] of Object.entries(attributes)) {
        if (typeof value === 'string') assert.ok(value.length <= 1000, key);
      }
      const frames = JSON.parse(stringOf(attributes[names.FRAMES])) as unknown[];
      assert.ok(frames.length >= 1);
      assert.ok((attributes[names.TRUNCATED] as string[]).includes(names.FRAMES));
    });

    it('should leave records without an exception alone', async () => {
      const { infos, loggerProvider, flush } = pipelines(receiver);
      loggerProvider.getLogger('app').emit({ body: 'plain', attributes: { 'app.step': 2 } });
      await flush();
      await receiver.waitFor(r => r.logRecords().length === 1);
      assert.deepEqual(attributesOf(receiver.logRecords()[0]?.attributes), { 'app.step': 2 });
      assert.equal(infos.length, 0);
    });

    it('should enrich a FATAL record of a process-wide handler emitted with emitExceptionLog', async () => {
      const { infos, enricher, loggerProvider, flush } = pipelines(receiver);
      const thrown = new Error('uncaught');
      emitExceptionLog(loggerProvider.getLogger('otel-err'), enricher, thrown, {
        context: context.active(),
        severityNumber: SeverityNumber.FATAL,
        enriched: enricher.capture(thrown, null),
      });
      await flush();
      await receiver.waitFor(r => r.logRecords().length === 1);
      const [record] = receiver.logRecords();
      assert.equal(record?.severityText, 'FATAL');
      assert.equal(record?.eventName, 'exception');
      assert.match(
        stringOf(attributesOf(record?.attributes)[names.FINGERPRINT]),
        /^[0-9a-f-]{36}$/,
      );
      assert.equal(infos.length, 1, 'the handed-over capture is not captured again');
    });
  });
});
