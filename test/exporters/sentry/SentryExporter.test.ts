import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { context, createContextKey } from '@opentelemetry/api';
import { StackContextManager } from '@opentelemetry/sdk-trace';
import type { Event, StackFrame as SentryFrame } from '@sentry/core';
import { createHttpTransport } from '../../../exporters/sentry/httpTransport.ts';
import {
  SentryExporter,
  type SentryExporterOptions,
} from '../../../exporters/sentry/SentryExporter.ts';
import { toSentryEvent } from '../../../exporters/sentry/transform.ts';
import type { ErrorInfo } from '../../../src/errorinfo/ErrorInfo.ts';
import { REDACTED } from '../../../src/locals/redact.ts';
import { PROJECT_ID, PUBLIC_KEY, SentryServer } from '../../helpers/sentry/SentryServer.ts';
import { sentryEventProblems } from '../../helpers/sentry/sentryEventSchema.ts';
import { chainedErrorInfo, SAMPLE_TRACE } from './chainedError.ts';

const CHAINED_FILE = fileURLToPath(new URL('chainedError.ts', import.meta.url));

/** The sample report with locals on its top frame: one secret, one plain value. */
function reportWithLocals(extraLocals: Record<string, string> = {}): ErrorInfo {
  const info = chainedErrorInfo();
  const [top, ...rest] = info.frames;
  assert.ok(top);
  const locals = { password: 'hunter2', orderId: 'o-17', ...extraLocals };
  return { ...info, frames: [{ ...top, locals }, ...rest] };
}

function thrownFrames(event: Event): SentryFrame[] {
  return event.exception?.values?.at(-1)?.stacktrace?.frames ?? [];
}

describe('SentryExporter', () => {
  let server: SentryServer;
  const exporters: SentryExporter[] = [];
  const make = (options: SentryExporterOptions = {}) => {
    const exporter = new SentryExporter({ dsn: server.dsn, environment: 'e2e', ...options });
    exporters.push(exporter);
    return exporter;
  };

  before(async () => {
    server = await SentryServer.start();
  });
  afterEach(async () => {
    await Promise.all(exporters.splice(0).map(exporter => exporter.shutdown()));
    server.received.length = 0;
    server.respond({});
  });
  after(() => server.close());

  describe('.sendErrorInfo to a local Sentry', () => {
    it('should post one envelope to the project endpoint with the DSN key in the query', async () => {
      assert.equal(await make().sendErrorInfo(chainedErrorInfo()), true);
      const [request] = server.received;
      assert.ok(request);
      assert.equal(request.path, `/api/${PROJECT_ID}/envelope/`);
      assert.equal(request.query.sentry_key, PUBLIC_KEY);
      assert.equal(request.query.sentry_version, '7');
      assert.match(request.query.sentry_client ?? '', /^otel_err\.javascript\.node\/\d+\.\d+\.\d+/);
      assert.equal(request.headers['content-type'], 'application/x-sentry-envelope');
      const [header, items] = request.envelope;
      const event = server.events()[0];
      assert.equal(header.event_id, event?.event_id);
      assert.ok(!Number.isNaN(Date.parse(String(header.sent_at))));
      assert.deepEqual(
        items.map(([item]) => item.type),
        ['event'],
      );
    });

    it('should deliver every field of the event, as toSentryEvent built it', async () => {
      const info = reportWithLocals();
      await make({ release: 'shop@9' }).sendErrorInfo(info);
      const [event] = await server.waitForEvents(1);
      assert.ok(event);
      assert.deepEqual(sentryEventProblems(event), []);
      const expected = toSentryEvent(info, {
        environment: 'e2e',
        release: 'shop@9',
        eventId: event.event_id,
      });
      const sdk = { ...expected.sdk, integrations: [] };
      assert.deepEqual(event, JSON.parse(JSON.stringify({ ...expected, sdk })));
    });

    it('should carry the chain, frames with context and redacted vars, fingerprint and trace', async () => {
      const info = reportWithLocals();
      await make({ release: 'shop@9' }).sendErrorInfo(info);
      const [event] = await server.waitForEvents(1);
      assert.ok(event);
      assert.deepEqual(
        event.exception?.values?.map(value => [value.type, value.mechanism?.source ?? null]),
        [
          ['TypeError', 'errors[1]'],
          ['RangeError', 'errors[0]'],
          ['Error', 'cause'],
          ['AggregateError', 'cause'],
          ['Error', null],
        ],
      );
      const top = thrownFrames(event).at(-1);
      assert.ok(top);
      assert.equal(top.filename, CHAINED_FILE);
      assert.equal(top.abs_path, CHAINED_FILE);
      assert.equal(top.function, 'failingRequest');
      assert.equal(top.module, 'chainedError.ts');
      assert.equal(top.lineno, info.frames[0]?.line);
      assert.equal(top.colno, info.frames[0]?.column);
      assert.equal(top.in_app, true);
      assert.equal(top.context_line, "  throw new Error('request failed', { cause });");
      assert.equal(top.pre_context?.length, 7);
      assert.equal(top.post_context?.length, 7);
      assert.deepEqual(top.vars, { password: REDACTED, orderId: 'o-17' });
      assert.deepEqual(event.fingerprint, [info.fingerprint]);
      assert.deepEqual(event.contexts?.trace, {
        trace_id: SAMPLE_TRACE.traceId,
        span_id: SAMPLE_TRACE.spanId,
      });
      assert.equal(event.release, 'shop@9');
      assert.equal(event.environment, 'e2e');
      assert.equal(event.server_name, info.runtime?.hostname);
    });

    it('should gzip a body over 32 KiB, and the server should read it', async () => {
      await make().sendErrorInfo(reportWithLocals({ big: 'z'.repeat(40_000) }));
      const [request] = server.received;
      assert.equal(request?.headers['content-encoding'], 'gzip');
      const [event] = server.events();
      assert.ok(event);
      assert.equal(thrownFrames(event).at(-1)?.vars?.big, 'z'.repeat(40_000));
      assert.deepEqual(sentryEventProblems(event), []);
    });

    it('should send a report once, however many times it is given', async () => {
      const exporter = make();
      const info = chainedErrorInfo();
      exporter.exportErrorInfo(info);
      assert.equal(await exporter.sendErrorInfo(info), true);
      await exporter.forceFlush();
      assert.equal(server.events().length, 1);
    });

    it('should resolve false on an HTTP error and count it by status', async () => {
      server.respond({ status: 400 });
      const exporter = make();
      assert.equal(await exporter.sendErrorInfo(chainedErrorInfo()), false);
      assert.deepEqual(exporter.droppedEvents, { http_400: 1 });
    });
  });

  describe('its own requests', () => {
    it('should install no process handler and no Sentry client', async () => {
      const events = ['uncaughtException', 'unhandledRejection', 'beforeExit', 'exit'] as const;
      const before = events.map(name => process.listenerCount(name));
      const exporter = make();
      assert.equal(await exporter.sendErrorInfo(chainedErrorInfo()), true);
      await exporter.shutdown();
      assert.deepEqual(
        events.map(name => process.listenerCount(name)),
        before,
      );
      // @sentry/core's debug logger keeps its (disabled) settings there; a client or scope would show.
      const carrier = (globalThis as { __SENTRY__?: Record<string, unknown> }).__SENTRY__ ?? {};
      for (const [key, entry] of Object.entries(carrier)) {
        if (key === 'version') continue;
        assert.deepEqual(Object.keys(entry as object), ['loggerSettings']);
      }
    });

    it('should run the transport with tracing suppressed', async () => {
      const key = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');
      const seen: unknown[] = [];
      const exporter = make({
        transport: options => {
          const transport = createHttpTransport(options);
          return {
            send: envelope => {
              seen.push(context.active().getValue(key));
              return transport.send(envelope);
            },
            flush: timeout => transport.flush(timeout),
          };
        },
      });
      // The suppression lives in the context: it needs a context manager, as any SDK set-up has.
      context.setGlobalContextManager(new StackContextManager().enable());
      try {
        assert.equal(await exporter.sendErrorInfo(chainedErrorInfo()), true);
      } finally {
        context.disable();
      }
      assert.deepEqual(seen, [true]);
    });
  });
});
