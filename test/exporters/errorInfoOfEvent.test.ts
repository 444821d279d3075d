import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import type { Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, type TimedEvent } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import {
  errorInfoOfEvent,
  exceptionEventsOf,
  isExceptionEvent,
} from '../../exporters/errorInfoOfEvent.ts';
import * as names from '../../processors/semconv.ts';
import { attributeMap } from '../../src/cli/sources/otlpAttributes.ts';
import { otlpIdentity } from '../../src/cli/sources/otlpErrorInfo.ts';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { toJSON } from '../../src/errorinfo/codec.ts';
import { parseAmount, pipelineOf, recordIn, SERVICE, thrownBy } from './exporterPipeline.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The finished span of one recorded error, and the reports the processor produced. */
function recorded(error: unknown, processor = true) {
  const exporter = new InMemorySpanExporter();
  const infos: ErrorInfo[] = [];
  const { tracer } = pipelineOf(exporter, {
    processor: processor ? { onErrorInfo: info => infos.push(info), locals: null } : false,
  });
  recordIn(tracer, error);
  const span = exporter.getFinishedSpans()[0];
  assert.ok(span);
  const event = span.events.find(isExceptionEvent);
  assert.ok(event);
  return { span, event, infos };
}

/** The same event as another process would have sent it: equal attributes, not the object we enriched. */
function foreignCopy(event: TimedEvent, attributes: Attributes = { ...event.attributes }) {
  return { ...event, attributes };
}

/** A system error with code, errno, syscall and path, wrapped in another error. */
function wrappedSystemError(): Error {
  const cause = thrownBy(() => fs.readFileSync('/nonexistent/otel-err/ledger.json'));
  return new Error('cannot load the ledger', { cause });
}

describe('errorInfoOfEvent', () => {
  describe('an event the ExceptionSpanProcessor enriched', () => {
    it('should return the full report the processor made, whatever the attribute limits cut', () => {
      const exporter = new InMemorySpanExporter();
      const infos: ErrorInfo[] = [];
      const { tracer } = pipelineOf(exporter, {
        processor: { onErrorInfo: info => infos.push(info), locals: null },
        spanLimits: { attributeValueLengthLimit: 40 },
      });
      recordIn(tracer, wrappedSystemError());
      const span = exporter.getFinishedSpans()[0]!;
      const event = span.events.find(isExceptionEvent)!;
      assert.equal(String(event.attributes?.[names.EXCEPTION_STACKTRACE]).length, 40);
      const info = errorInfoOfEvent(span, event);
      assert.equal(info, infos[0]);
      assert.equal(info?.exception.cause?.code, 'ENOENT');
      assert.ok((info?.frames[0]?.source?.lines.length ?? 0) > 1, 'source context kept whole');
    });
  });

  describe('an event enriched elsewhere (attributes only)', () => {
    it('should rebuild the report from our attributes: fingerprint, code.*, chain, source', () => {
      const { span, event, infos } = recorded(wrappedSystemError());
      const original = infos[0]!;
      const info = errorInfoOfEvent(span, foreignCopy(event));
      assert.ok(info);
      assert.notEqual(info, original);
      assert.equal(info.fingerprint, original.fingerprint);
      assert.deepEqual(
        { type: info.exception.type, message: info.exception.message, kind: info.exception.kind },
        { type: 'Error', message: 'cannot load the ledger', kind: 'error' },
      );
      assert.equal(info.exception.cause?.type, 'Error');
      assert.equal(info.exception.cause?.code, 'ENOENT');
      const shape = (frame: ErrorInfo['frames'][number]) => [
        frame.function,
        frame.line,
        frame.inApp,
      ];
      assert.deepEqual(info.frames.map(shape), original.frames.map(shape));
      assert.deepEqual(info.frames[0]?.source, original.frames[0]?.source);
      assert.deepEqual(info.trace, original.trace);
      assert.equal(info.name, SERVICE.name);
      assert.equal(info.version, SERVICE.version);
      assert.equal(info.resource['service.name'], SERVICE.name);
      assert.equal(info.runtime?.pid, process.pid);
      assert.deepEqual(info.extra, {});
      assert.equal(info.count, 1);
      assert.doesNotThrow(() => toJSON(info));
    });

    it('should keep the locals the event carries on their frame', () => {
      const { span, event } = recorded(thrownBy(() => parseAmount('x')));
      const attributes = {
        ...event.attributes,
        [names.LOCALS]: JSON.stringify([{ frame: 0, locals: { text: 'x', amount: null } }]),
      };
      const info = errorInfoOfEvent(span, foreignCopy(event, attributes));
      assert.deepEqual(info?.frames[0]?.locals, { text: 'x', amount: null });
    });
  });

  describe('a plain SDK event (no ExceptionSpanProcessor)', () => {
    it('should parse the stack, take trace and service from the span, and derive the fingerprint err list derives', () => {
      const { span, event } = recorded(
        thrownBy(() => parseAmount('abc')),
        false,
      );
      const info = errorInfoOfEvent(span, event);
      assert.ok(info);
      assert.equal(info.exception.type, 'TypeError');
      assert.equal(info.exception.message, 'not an amount: abc');
      assert.equal(info.frames[0]?.function, 'parseAmount');
      assert.equal(info.frames[0]?.inApp, true);
      assert.deepEqual(info.trace, {
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
      });
      assert.equal(info.name, SERVICE.name);
      assert.match(info.fingerprint ?? '', UUID);
      const identity = otlpIdentity({
        time: 0,
        resource: attributeMap([{ key: 'service.name', value: { stringValue: SERVICE.name } }]),
        attributes: new Map(
          Object.entries(event.attributes ?? {}).map(([k, v]) => [k, v as string]),
        ),
        traceId: null,
        spanId: null,
      });
      assert.equal(info.fingerprint, identity.fingerprint);
      assert.equal(
        info.timestamp.getTime(),
        event.time[0] * 1000 + Math.floor(event.time[1] / 1e6),
      );
    });
  });

  describe('malformed attributes', () => {
    const cases: [string, Attributes, (info: ErrorInfo) => void][] = [
      [
        'frames that are not JSON',
        {
          [names.FRAMES]: '[{"function":"f"',
          [names.EXCEPTION_STACKTRACE]: 'E: m\n    at g (/a.js:1:2)',
        },
        info => assert.equal(info.frames[0]?.function, 'g'),
      ],
      [
        'frames that are a JSON object',
        { [names.FRAMES]: '{"function":"f"}' },
        info => assert.deepEqual(info.frames, []),
      ],
      [
        'frame fields of the wrong types',
        { [names.FRAMES]: '[{"function":7,"line":"12","inApp":"yes"}]' },
        info =>
          assert.deepEqual(
            [info.frames[0]?.function, info.frames[0]?.line, info.frames[0]?.inApp],
            [null, null, false],
          ),
      ],
      [
        'a chain item without a path',
        { [names.CHAIN]: '[{"type":"X"},{"path":"cause.cause","type":"Y"}]' },
        info => assert.equal(info.exception.cause, null),
      ],
      [
        'a source item pointing at no frame',
        { [names.SOURCE]: '[{"frame":9,"firstLine":1,"currentLine":1,"lines":["x"]}]' },
        info => assert.deepEqual(info.frames, []),
      ],
      [
        'a type that is not a string',
        { [names.EXCEPTION_TYPE]: 42, [names.EXCEPTION_MESSAGE]: 'm' },
        info => assert.equal(info.exception.type, 'Error'),
      ],
      [
        'a fingerprint that is not a UUID',
        { [names.EXCEPTION_TYPE]: 'E', [names.FINGERPRINT]: '../../etc/passwd' },
        info => assert.match(info.fingerprint ?? '', UUID),
      ],
    ];
    for (const [label, attributes, check] of cases) {
      it(`should read ${label} as fewer fields, without throwing`, () => {
        const { span } = recorded(new Error('base'), false);
        const event: TimedEvent = {
          name: 'exception',
          time: [1_700_000_000, 0],
          attributes: { [names.EXCEPTION_TYPE]: 'E', ...attributes },
        };
        const info = errorInfoOfEvent(span, event);
        assert.ok(info);
        check(info);
        assert.doesNotThrow(() => toJSON(info));
      });
    }

    it('should give a valid report for any attribute values (property, fixed seed)', () => {
      const { span } = recorded(new Error('base'), false);
      const keys = [
        names.EXCEPTION_TYPE,
        names.EXCEPTION_MESSAGE,
        names.EXCEPTION_STACKTRACE,
        names.FINGERPRINT,
        names.EXCEPTION_CODE,
        names.EXCEPTION_ERRNO,
        names.FRAMES,
        names.CHAIN,
        names.SOURCE,
        names.LOCALS,
        names.EXCEPTION_KIND,
      ];
      const value = fc.oneof(
        fc.string(),
        fc.json(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.array(fc.string(), { maxLength: 3 }),
      );
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...keys), value), attributes => {
          const event: TimedEvent = { name: 'exception', time: [1, 0], attributes };
          const info = errorInfoOfEvent(span, event);
          assert.ok(info);
          toJSON(info);
        }),
        { seed: 20240611, numRuns: 300 },
      );
    });
  });

  describe('an event that is not an exception', () => {
    it('should give null', () => {
      const { span } = recorded(new Error('base'), false);
      const tick: TimedEvent = { name: 'tick', time: [1, 0], attributes: { n: 1 } };
      assert.equal(errorInfoOfEvent(span, tick), null);
    });
  });
});

describe('exceptionEventsOf', () => {
  it('should keep events named exception and events carrying exception.type or .message', () => {
    const { span } = recorded(new Error('base'), false);
    const events: TimedEvent[] = [
      { name: 'tick', time: [1, 0] },
      ...span.events,
      { name: 'failure', time: [2, 0], attributes: { [names.EXCEPTION_MESSAGE]: 'm' } },
      { name: 'other', time: [3, 0], attributes: { [names.EXCEPTION_TYPE]: 7 } },
    ];
    const withEvents = Object.assign(Object.create(span) as ReadableSpan, { events });
    assert.deepEqual(
      exceptionEventsOf(withEvents).map(event => event.name),
      ['exception', 'failure'],
    );
  });
});
