import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import {
  LoggerProvider,
  SimpleLogRecordProcessor,
  type LogRecordExporter,
} from '@opentelemetry/sdk-logs';
import { SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { attributesOf } from './attributesOf.ts';
import { OtlpReceiver } from './OtlpReceiver.ts';
import type { OtlpLogRecord, OtlpSpan } from './otlpTypes.ts';

/** Exports one span with every attribute value type, an event and a parent. */
async function exportSpan(exporter: SpanExporter): Promise<void> {
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('receiver-test', '1.2.3');
  const parent = tracer.startSpan('parent');
  const span = tracer.startSpan(
    'child',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        text: 'é ünïcode',
        int: -42,
        big: 2 ** 40,
        double: 1.5,
        flag: true,
        list: ['a', 'b'],
      },
    },
    trace.setSpan(context.active(), parent),
  );
  span.addEvent('exception', { 'exception.type': 'Error', 'exception.message': 'boom' });
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'failed' });
  span.end();
  parent.end();
  await provider.shutdown();
}

async function exportLog(exporter: LogRecordExporter): Promise<void> {
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  provider.getLogger('receiver-test').emit({
    eventName: 'exception',
    severityNumber: 17,
    severityText: 'ERROR',
    body: { nested: ['x', 1] },
    attributes: { 'exception.type': 'Error', count: 3 },
  });
  await provider.shutdown();
}

/** What must read the same whatever the encoding. */
function spanEssentials(span: OtlpSpan | undefined) {
  return {
    ids: [span?.traceId.length, span?.spanId.length, span?.parentSpanId?.length],
    name: span?.name,
    kind: span?.kind,
    times: [typeof span?.startTimeUnixNano, typeof span?.endTimeUnixNano],
    attributes: attributesOf(span?.attributes),
    events: span?.events.map(event => ({
      name: event.name,
      attributes: attributesOf(event.attributes),
    })),
    status: span?.status,
  };
}

function logEssentials(record: OtlpLogRecord | undefined) {
  return {
    eventName: record?.eventName,
    severityNumber: record?.severityNumber,
    severityText: record?.severityText,
    body: record?.body,
    attributes: attributesOf(record?.attributes),
  };
}

describe('OtlpReceiver', () => {
  let receiver: OtlpReceiver;
  before(async () => {
    receiver = await OtlpReceiver.start();
  });
  after(async () => {
    await receiver.close();
  });
  afterEach(() => {
    receiver.requests.length = 0;
    receiver.respond({});
  });

  describe('decoding', () => {
    it('should read traces in JSON, gzip JSON and protobuf alike', async () => {
      await exportSpan(new JsonTraceExporter({ url: receiver.tracesUrl }));
      await exportSpan(
        new JsonTraceExporter({ url: receiver.tracesUrl, compression: CompressionAlgorithm.GZIP }),
      );
      await exportSpan(new ProtoTraceExporter({ url: receiver.tracesUrl }));
      await receiver.waitFor(r => r.requests.length === 6);
      assert.deepEqual(
        receiver.requests.map(request => request.encoding),
        ['json', 'json', 'json', 'json', 'protobuf', 'protobuf'],
      );
      const children = receiver.spans().filter(span => span.name === 'child');
      assert.equal(children.length, 3);
      const [json, gzip, protobuf] = children.map(spanEssentials);
      assert.deepEqual(json?.attributes, {
        text: 'é ünïcode',
        int: -42,
        big: 2 ** 40,
        double: 1.5,
        flag: true,
        list: ['a', 'b'],
      });
      assert.deepEqual(json?.ids, [32, 16, 16]);
      assert.deepEqual(gzip, json);
      assert.deepEqual(protobuf, json);
    });

    it('should read logs in JSON and protobuf alike', async () => {
      await exportLog(new JsonLogExporter({ url: receiver.logsUrl }));
      await exportLog(new ProtoLogExporter({ url: receiver.logsUrl }));
      await receiver.waitFor(r => r.logRecords().length === 2);
      const [json, protobuf] = receiver.logRecords().map(logEssentials);
      assert.deepEqual(json?.attributes, { 'exception.type': 'Error', count: 3 });
      assert.equal(json?.eventName, 'exception');
      assert.deepEqual(protobuf, json);
    });

    it('should answer 400 to a malformed protobuf body and 404 to an unknown path', async () => {
      const bad = await fetch(receiver.tracesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body: new Uint8Array([0x0a, 0xff]),
      });
      assert.equal(bad.status, 400);
      assert.match(receiver.rejected.at(-1) ?? '', /protobuf/);
      const unknown = await fetch(`${receiver.url}/v1/nothing`, { method: 'POST', body: '{}' });
      assert.equal(unknown.status, 404);
      assert.equal(receiver.requests.length, 0);
    });
  });

  describe('behaviour', () => {
    it('should fail as told, with Retry-After, then recover', async () => {
      receiver.respond({ status: 503, retryAfterSeconds: 0, times: 1 });
      await exportSpan(new JsonTraceExporter({ url: receiver.tracesUrl }));
      await receiver.waitFor(r => r.spans().length === 2);
      const statuses = receiver.requests.map(request => request.status);
      assert.equal(statuses[0], 503);
      assert.ok(statuses.slice(1).every(status => status === 200));
    });

    it('should delay its answers as told', async () => {
      receiver.respond({ delayMs: 150 });
      const started = performance.now();
      const response = await fetch(receiver.tracesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"resourceSpans":[]}',
      });
      assert.equal(await response.text(), '{}');
      assert.ok(performance.now() - started >= 140);
    });

    it('should reject waitFor after its timeout, saying what arrived', async () => {
      await assert.rejects(
        receiver.waitFor(r => r.spans().length > 0, 50),
        /not met within 50 ms \(received nothing\)/,
      );
    });
  });
});
