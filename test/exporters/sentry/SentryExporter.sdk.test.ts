import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { SentryExporter } from '../../../exporters/sentry/SentryExporter.ts';
import { ExceptionSpanProcessor } from '../../../processors/ExceptionSpanProcessor.ts';
import { SentryServer } from '../../helpers/sentry/SentryServer.ts';
import { sentryEventProblems } from '../../helpers/sentry/sentryEventSchema.ts';
import { failingRequest } from './chainedError.ts';

const RESOURCE = resourceFromAttributes({
  'service.name': 'checkout',
  'service.version': '1.2.3',
  'deployment.environment.name': 'staging',
});

/** Runs `failingRequest` in a span `GET /orders` of a provider with `processors`, records it, flushes. */
async function throwInSpan(processors: SpanProcessor[]) {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: RESOURCE,
    spanProcessors: [...processors, new SimpleSpanProcessor({ exporter: memory })],
  });
  const span = provider.getTracer('test').startSpan('GET /orders');
  try {
    failingRequest();
  } catch (error) {
    span.recordException(error as Error);
  }
  span.end();
  await provider.forceFlush();
  const [ended] = memory.getFinishedSpans();
  await provider.shutdown();
  assert.ok(ended);
  return ended;
}

describe('SentryExporter', () => {
  let server: SentryServer;
  before(async () => {
    server = await SentryServer.start();
  });
  after(() => server.close());

  describe('in a TracerProvider after ExceptionSpanProcessor', () => {
    it('should send the enriched exception with the whole chain, grouped by our fingerprint', async () => {
      server.received.length = 0;
      const sentry = new SentryExporter({ dsn: server.dsn });
      const span = await throwInSpan([
        new ExceptionSpanProcessor({ locals: null, exceptionSignal: 'spans' }),
        new SimpleSpanProcessor({ exporter: sentry }),
      ]);
      const [event] = await server.waitForEvents(1);
      assert.ok(event);
      assert.deepEqual(sentryEventProblems(event), []);
      const attributes = span.events.find(e => e.name === 'exception')?.attributes ?? {};
      assert.deepEqual(event.fingerprint, [attributes['otel_err.fingerprint']]);
      assert.deepEqual(event.contexts?.trace, {
        trace_id: span.spanContext().traceId,
        span_id: span.spanContext().spanId,
      });
      assert.equal(event.transaction, 'GET /orders');
      assert.equal(event.release, 'checkout@1.2.3');
      assert.equal(event.environment, 'staging');
      assert.deepEqual(
        event.exception?.values?.map(value => value.type),
        ['TypeError', 'RangeError', 'Error', 'AggregateError', 'Error'],
      );
      const top = event.exception?.values?.at(-1)?.stacktrace?.frames?.at(-1);
      assert.equal(top?.function, 'failingRequest');
      assert.equal(top?.abs_path, fileURLToPath(new URL('chainedError.ts', import.meta.url)));
      assert.equal(top?.context_line, "  throw new Error('request failed', { cause });");
    });
  });

  describe('in a TracerProvider without our processor', () => {
    it('should rebuild the event from the SDK’s exception attributes', async () => {
      server.received.length = 0;
      const sentry = new SentryExporter({ dsn: server.dsn });
      const span = await throwInSpan([new SimpleSpanProcessor({ exporter: sentry })]);
      const [event] = await server.waitForEvents(1);
      assert.ok(event);
      assert.deepEqual(sentryEventProblems(event), []);
      assert.equal(event.exception?.values?.at(-1)?.value, 'request failed');
      assert.equal(
        event.exception?.values?.at(-1)?.stacktrace?.frames?.at(-1)?.function,
        'failingRequest',
      );
      assert.equal(event.contexts?.trace?.trace_id, span.spanContext().traceId);
      assert.equal(event.fingerprint?.length, 1);
    });
  });
});
