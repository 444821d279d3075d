import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Exception, StackFrame as SentryFrame } from '@sentry/core';
import { SENTRY_EVENT_DEFAULTS, toSentryEvent } from '../../../exporters/sentry/transform.ts';
import type { ErrorInfo } from '../../../src/errorinfo/ErrorInfo.ts';
import { createRedactor, REDACTED } from '../../../src/locals/redact.ts';
import { minimalErrorInfo, richErrorInfo, sampleFrame } from '../../errorinfo/sampleErrorInfo.ts';
import { sentryEventProblems } from '../../helpers/sentry/sentryEventSchema.ts';
import { chainedErrorInfo, SAMPLE_TRACE } from './chainedError.ts';

function values(info: ErrorInfo): Exception[] {
  return toSentryEvent(info).exception?.values ?? [];
}

function framesOf(exception: Exception | undefined): SentryFrame[] {
  return exception?.stacktrace?.frames ?? [];
}

describe('toSentryEvent', () => {
  describe('a captured cause chain of 3 with an AggregateError', () => {
    const info = chainedErrorInfo();
    const event = toSentryEvent(info);
    const exceptions = event.exception?.values ?? [];

    it('should produce an event that Relay’s schema accepts', () => {
      assert.deepEqual(sentryEventProblems(event), []);
    });

    it('should list every exception, the thrown one last, linked ones in reverse discovery order', () => {
      assert.deepEqual(
        exceptions.map(e => [e.type, e.value]),
        [
          ['TypeError', 'replica b: no answer'],
          ['RangeError', 'replica a: bad byte'],
          ['Error', 'socket reset'],
          ['AggregateError', 'all replicas failed'],
          ['Error', 'request failed'],
        ],
      );
    });

    it('should link them with exception_id, parent_id and source as @sentry/core does', () => {
      assert.deepEqual(
        exceptions.map(e => e.mechanism),
        [
          { type: 'chained', exception_id: 4, source: 'errors[1]', parent_id: 1 },
          { type: 'chained', exception_id: 3, source: 'errors[0]', parent_id: 1 },
          { type: 'chained', exception_id: 2, source: 'cause', parent_id: 1 },
          {
            type: 'chained',
            exception_id: 1,
            source: 'cause',
            parent_id: 0,
            is_exception_group: true,
          },
          { type: 'otel_err', exception_id: 0 },
        ],
      );
    });

    it('should put each exception’s own frames oldest first, the throwing frame last', () => {
      const thrown = framesOf(exceptions.at(-1));
      assert.equal(thrown.length, info.frames.length);
      assert.equal(thrown.at(-1)?.function, 'failingRequest');
      assert.equal(thrown.at(-1)?.lineno, info.frames[0]?.line);
      assert.equal(thrown.at(0)?.lineno, info.frames.at(-1)?.line);
      assert.equal(framesOf(exceptions[2]).at(-1)?.function, 'resetSocket');
    });

    it('should map every frame field, with the source lines around the current one', () => {
      const top = info.frames[0]!;
      const frame = framesOf(exceptions.at(-1)).at(-1)!;
      assert.ok(top.source !== null);
      const at = top.source.currentLine - top.source.firstLine;
      const path = fileURLToPath(new URL('chainedError.ts', import.meta.url));
      assert.equal(top.file, pathToFileURL(path).href);
      assert.deepEqual(frame, {
        filename: path,
        abs_path: path,
        function: 'failingRequest',
        module: top.module,
        lineno: top.line,
        colno: top.column,
        in_app: true,
        pre_context: top.source.lines.slice(0, at),
        context_line: "  throw new Error('request failed', { cause });",
        post_context: top.source.lines.slice(at + 1),
      });
    });

    it('should carry fingerprint, trace, release, environment, server name and sdk', () => {
      assert.deepEqual(event.fingerprint, [info.fingerprint]);
      assert.deepEqual(event.contexts?.trace, {
        trace_id: SAMPLE_TRACE.traceId,
        span_id: SAMPLE_TRACE.spanId,
      });
      assert.equal(event.release, 'checkout@1.2.3');
      assert.equal(event.environment, 'staging');
      assert.equal(event.server_name, info.runtime?.hostname);
      assert.equal(event.platform, 'node');
      assert.equal(event.level, 'error');
      assert.equal(event.timestamp, info.timestamp.getTime() / 1000);
      assert.match(event.event_id ?? '', /^[0-9a-f]{32}$/);
      assert.equal(event.sdk?.name, 'otel_err.javascript.node');
      assert.deepEqual(event.tags, {
        'otel_err.fingerprint': info.fingerprint,
        'service.name': 'checkout',
      });
      assert.equal(event.extra?.['otel_err.count'], 1);
      assert.equal(event.extra?.['process.pid'], process.pid);
      assert.deepEqual(event.contexts?.runtime, { name: 'node', version: process.version });
    });
  });

  describe('reports of every shape', () => {
    const thrownString = {
      ...minimalErrorInfo(),
      exception: { ...minimalErrorInfo().exception, kind: 'string' as const, type: 'string' },
    };
    const cases: [string, ErrorInfo][] = [
      ['minimal (no frames, no trace, no fingerprint)', minimalErrorInfo()],
      ['rich (eval, native and source-mapped frames, odd locals)', richErrorInfo()],
      ['a thrown string', thrownString],
      ['empty name and version', { ...minimalErrorInfo(), name: '', version: '' }],
    ];
    for (const [name, info] of cases) {
      it(`should produce a schema-valid event for ${name}`, () => {
        assert.deepEqual(sentryEventProblems(toSentryEvent(info)), []);
      });
    }

    it('should leave out what the report does not know', () => {
      const event = toSentryEvent({ ...minimalErrorInfo(), name: '', version: '' });
      for (const key of ['fingerprint', 'release', 'server_name', 'transaction'] as const) {
        assert.equal(event[key], undefined, key);
      }
      assert.equal(event.contexts?.trace, undefined);
      assert.equal(values(minimalErrorInfo())[0]?.stacktrace, undefined);
    });

    it('should put code, errno, syscall, path, kind and truncation in mechanism.data', () => {
      const rich = values(richErrorInfo());
      assert.deepEqual(rich.at(-1)?.mechanism?.data, {
        code: 'ERR_X',
        errno: '-2',
        syscall: 'open',
        path: '/etc/x',
      });
      assert.deepEqual(rich.find(e => e.value === 'middle')?.mechanism?.data, { truncated: true });
      assert.deepEqual(values(thrownString)[0]?.mechanism?.data, { kind: 'string' });
    });
  });

  describe('frame paths', () => {
    const table: [string, string | null, Partial<SentryFrame>][] = [
      [
        'an absolute path',
        '/srv/app/a.js',
        { filename: '/srv/app/a.js', abs_path: '/srv/app/a.js' },
      ],
      [
        'a file URL',
        'file:///srv/app/b%20c.mjs',
        { filename: '/srv/app/b c.mjs', abs_path: '/srv/app/b c.mjs' },
      ],
      ['a node: module', 'node:internal/timers', { filename: 'node:internal/timers' }],
      ['no file (native)', null, {}],
    ];
    for (const [name, file, expected] of table) {
      it(`should map ${name}`, () => {
        const info = { ...minimalErrorInfo(), frames: [sampleFrame({ file })] };
        const [frame] = framesOf(values(info)[0]);
        assert.deepEqual(frame, { in_app: false, ...expected });
      });
    }
  });

  describe('redaction', () => {
    const locals = {
      password: 'hunter2',
      user: { name: 'ann', apiKey: 'k-1', nested: [{ sessionId: 's' }] },
      header: 'Bearer abcdefghijklmnopqrstuvwxyz',
      count: 3,
    };
    const info: ErrorInfo = {
      ...minimalErrorInfo(),
      frames: [sampleFrame({ function: 'f', locals })],
      resource: { 'service.name': 'svc', 'db.password': 'x' },
      extra: { token: 't', note: 'kept', delivered: { sentry: null } },
    };

    it('should mask secret names and credential-shaped values in vars, extra and resource', () => {
      const event = toSentryEvent(info);
      assert.deepEqual(framesOf(event.exception?.values?.[0])[0]?.vars, {
        password: REDACTED,
        user: { name: 'ann', apiKey: REDACTED, nested: [{ sessionId: REDACTED }] },
        header: REDACTED,
        count: 3,
      });
      assert.equal(event.extra?.token, REDACTED);
      assert.equal(event.extra?.note, 'kept');
      assert.deepEqual(event.contexts?.otel, {
        resource: { 'service.name': 'svc', 'db.password': REDACTED },
      });
    });

    it('should not send the outbox record', () => {
      assert.equal(Object.hasOwn(toSentryEvent(info).extra ?? {}, 'delivered'), false);
    });

    it('should keep everything with redaction off', () => {
      const event = toSentryEvent(info, { redactor: createRedactor(false) });
      assert.deepEqual(framesOf(event.exception?.values?.[0])[0]?.vars, locals);
    });

    it('should cut nesting deeper than 24 levels', () => {
      let deep: ErrorInfo['extra'][string] = 'bottom';
      for (let i = 0; i < 100; i++) deep = [deep];
      const event = toSentryEvent({ ...minimalErrorInfo(), extra: { deep } });
      assert.match(JSON.stringify(event.extra?.deep), /"\[depth limit\]"/);
    });
  });

  describe('options', () => {
    it('should take environment, release, server name, tags and per-event facts', () => {
      const event = toSentryEvent(chainedErrorInfo(), {
        environment: 'prod-eu',
        release: 'r-77',
        serverName: false,
        tags: { ['k'.repeat(40)]: 'v'.repeat(300) },
        handled: false,
        transaction: 'GET /orders',
        parentSpanId: '1111111111111111',
        eventId: 'f'.repeat(32),
        mechanism: 'onuncaughtexception',
      });
      assert.equal(event.environment, 'prod-eu');
      assert.equal(event.release, 'r-77');
      assert.equal(event.server_name, undefined);
      assert.equal(event.tags?.['k'.repeat(32)], 'v'.repeat(200));
      assert.equal(event.level, 'fatal');
      assert.deepEqual(event.exception?.values?.at(-1)?.mechanism, {
        type: 'onuncaughtexception',
        handled: false,
        exception_id: 0,
      });
      assert.equal(event.exception?.values?.[0]?.mechanism?.handled, false);
      assert.equal(event.transaction, 'GET /orders');
      assert.equal(event.contexts?.trace?.parent_span_id, '1111111111111111');
      assert.equal(event.event_id, 'f'.repeat(32));
      assert.deepEqual(sentryEventProblems(event), []);
    });

    it('should fall back to the older deployment.environment, then to production', () => {
      const old = { ...minimalErrorInfo(), resource: { 'deployment.environment': 'qa' } };
      assert.equal(toSentryEvent(old).environment, 'qa');
      assert.equal(
        toSentryEvent(minimalErrorInfo()).environment,
        SENTRY_EVENT_DEFAULTS.environment,
      );
    });
  });
});
