// Enriched exception events through the official OTLP/HTTP exporters (JSON and protobuf) to a
// receiver that decodes the real wire format: every attribute of ours arrives intact, and under a
// small `attributeValueLengthLimit` the cut follows the documented order (processors/attributes.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import type { CaptureFunction } from '../../processors/defaultCapture.ts';
import { ExceptionSpanProcessor } from '../../processors/ExceptionSpanProcessor.ts';
import * as names from '../../processors/semconv.ts';
import { captureErrorInfo } from '../../src/capture/captureErrorInfo.ts';
import { attributeMap } from '../../src/cli/sources/otlpAttributes.ts';
import { otlpErrorInfo } from '../../src/cli/sources/otlpErrorInfo.ts';
import type { ErrorInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { attributesOf, type PlainValue, stringOf } from '../helpers/otlp/attributesOf.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';
import { recordIn, thrownBy } from './exporterPipeline.ts';

const ENCODINGS: readonly [string, (url: string) => SpanExporter][] = [
  ['JSON', url => new JsonTraceExporter({ url })],
  ['protobuf', url => new ProtoTraceExporter({ url })],
];

const OURS = [
  names.FINGERPRINT,
  names.OCCURRENCE,
  names.EXCEPTION_KIND,
  names.EXCEPTION_CODE,
  names.EXCEPTION_ERRNO,
  names.EXCEPTION_SYSCALL,
  names.EXCEPTION_PATH,
  names.FRAMES,
  names.CHAIN,
  names.SOURCE,
  names.LOCALS,
];
const STANDARD = [
  names.EXCEPTION_TYPE,
  names.EXCEPTION_MESSAGE,
  names.EXCEPTION_STACKTRACE,
  names.CODE_FUNCTION_NAME,
  names.CODE_FILE_PATH,
  names.CODE_LINE_NUMBER,
  names.CODE_COLUMN_NUMBER,
];
const JSON_ATTRIBUTES = [names.FRAMES, names.CHAIN, names.SOURCE, names.LOCALS];

/** Sends one exception through the processor, an in-memory exporter and the OTLP exporter. */
async function sendThrough(
  receiver: OtlpReceiver,
  makeExporter: (url: string) => SpanExporter,
  capture: CaptureFunction,
  error: unknown,
  attributeValueLengthLimit?: number,
) {
  const memory = new InMemorySpanExporter();
  const infos: ErrorInfo[] = [];
  const provider = new TracerProvider({
    spanLimits: { attributeValueLengthLimit },
    spanProcessors: [
      new ExceptionSpanProcessor({
        capture,
        onErrorInfo: info => infos.push(info),
        exceptionSignal: 'spans',
        // Generous: only the SDK limit of each test may cut.
        maxAttributeLength: 1 << 20,
        maxTotalLength: 1 << 22,
      }),
      new SimpleSpanProcessor({ exporter: memory }),
      new SimpleSpanProcessor({ exporter: makeExporter(receiver.tracesUrl) }),
    ],
  });
  const before = receiver.spans().length;
  recordIn(provider.getTracer('otlp-test'), error);
  // Read before shutting down: InMemorySpanExporter forgets its spans at shutdown.
  const local = memory.getFinishedSpans()[0]?.events.find(e => e.name === 'exception');
  await provider.shutdown();
  await receiver.waitFor(r => r.spans().length === before + 1);
  const span = receiver.spans()[before]!;
  const event = span.events?.find(candidate => candidate.name === 'exception');
  assert.ok(event, 'the exception event arrived');
  return {
    span,
    received: attributesOf(event.attributes),
    local: local?.attributes ?? {},
    info: infos[0]!,
  };
}

/** The real capture, plus locals on the first in-app frame (a locals collector needs a pause). */
const captureWithLocals: CaptureFunction = (error, { resource }) => {
  const info = captureErrorInfo(error, {
    name: 'otlp-test',
    version: '1.0.0',
    resource,
    locals: null,
  });
  const frame = info.frames.find(candidate => candidate.inApp);
  if (frame) frame.locals = { ledger: '/nonexistent/ledger.json', attempt: 2, token: '[REDACTED]' };
  return info;
};

function readLedger(): Buffer {
  return fs.readFileSync('/nonexistent/otel-err/ledger.json');
}

/** A system error (code, errno, syscall, path) with a cause. */
function systemErrorWithCause(): Error {
  const error = thrownBy(readLedger);
  return Object.assign(error, { cause: new TypeError('ledger path was computed from null') });
}

function frame(fn: string, line: number, inApp: boolean): Frame {
  return {
    function: fn,
    alias: null,
    file: `/srv/app/src/${fn}.js`,
    line,
    column: 7,
    async: false,
    isConstructor: false,
    native: false,
    eval: false,
    evalOrigin: null,
    promiseIndex: null,
    module: `src:${fn}`,
    inApp,
    generated: null,
    source: inApp
      ? { firstLine: line - 1, currentLine: line, lines: ['{', 'throw x;', '}'] }
      : null,
    locals: inApp ? { x: 'y'.repeat(50) } : null,
  };
}

/** A fixed report: 2 short frames, a cause with a long message, source and locals. */
const fixedCapture: CaptureFunction = () => {
  const at = new Date('2024-05-01T10:00:00.000Z');
  const cause = {
    type: 'RangeError',
    message: 'm'.repeat(1000),
    kind: 'error' as const,
    code: null,
    errno: null,
    syscall: null,
    path: null,
    stack: null,
    cause: null,
    errors: [],
    truncated: false,
    frames: [frame('inner', 3, true)],
  };
  return {
    fingerprint: '6f1c2a3e-5b7d-5c11-9a0e-0d6f9c2b4e71',
    name: 'fixed',
    version: '1.0.0',
    timestamp: at,
    count: 1,
    firstSeen: at,
    lastSeen: at,
    exception: {
      type: 'Error',
      message: 'outer',
      kind: 'error',
      code: null,
      errno: null,
      syscall: null,
      path: null,
      stack: `Error: outer\n${'    at somewhere (/srv/app/src/x.js:1:1)\n'.repeat(40)}`,
      cause,
      errors: [],
      truncated: false,
    },
    frames: [frame('outer', 10, true), frame('caller', 20, false)],
    rootModule: null,
    trace: null,
    resource: {},
    runtime: null,
    extra: {},
  };
};

function plain(attributes: Record<string, unknown>): Record<string, PlainValue> {
  return JSON.parse(JSON.stringify(attributes)) as Record<string, PlainValue>;
}

describe('enriched exception events over OTLP/HTTP', () => {
  let receiver: OtlpReceiver;
  before(async () => {
    receiver = await OtlpReceiver.start();
  });
  after(async () => {
    await receiver.close();
  });

  for (const [encoding, makeExporter] of ENCODINGS) {
    describe(`${encoding} through the official exporter`, () => {
      it('should deliver every attribute of ours intact', async () => {
        const { received, local, info } = await sendThrough(
          receiver,
          makeExporter,
          captureWithLocals,
          systemErrorWithCause(),
        );
        assert.equal(receiver.requests.at(-1)?.encoding, encoding === 'JSON' ? 'json' : 'protobuf');
        for (const key of [...STANDARD, ...OURS]) assert.ok(key in received, `${key} arrived`);
        assert.equal(received[names.TRUNCATED], undefined, 'nothing was cut');
        assert.deepEqual(received, plain(local));
        assert.equal(received[names.FINGERPRINT], info.fingerprint);
        assert.deepEqual(
          [
            received[names.EXCEPTION_CODE],
            received[names.EXCEPTION_ERRNO],
            received[names.EXCEPTION_SYSCALL],
          ],
          ['ENOENT', info.exception.errno, 'open'],
        );
        for (const key of JSON_ATTRIBUTES) JSON.parse(stringOf(received[key]));
      });

      it('should let a reader of the wire rebuild the same report', async () => {
        const { span, info } = await sendThrough(
          receiver,
          makeExporter,
          captureWithLocals,
          systemErrorWithCause(),
        );
        const event = span.events?.find(candidate => candidate.name === 'exception');
        const rebuilt = otlpErrorInfo(
          {
            time: 0,
            resource: attributeMap([]),
            attributes: attributeMap(event?.attributes),
            traceId: span.traceId,
            spanId: span.spanId,
          },
          'wire',
        );
        assert.equal(rebuilt.fingerprint, info.fingerprint);
        assert.deepEqual(rebuilt.trace, info.trace);
        const fields = ({
          type,
          message,
          kind,
          code,
          errno,
          syscall,
          path,
        }: ErrorInfo['exception']) => ({
          type,
          message,
          kind,
          code,
          errno,
          syscall,
          path,
        });
        assert.deepEqual(fields(rebuilt.exception), fields(info.exception));
        assert.equal(rebuilt.exception.cause?.type, 'TypeError');
        const shape = (f: Frame) => [
          f.function,
          f.file,
          f.line,
          f.column,
          f.inApp,
          f.source,
          f.locals,
        ];
        assert.deepEqual(rebuilt.frames.map(shape), info.frames.map(shape));
      });

      it('should keep every value within a small attributeValueLengthLimit, cut in the documented order', async () => {
        const limit = 600;
        const error = new Error('outer');
        const unlimited = await sendThrough(receiver, makeExporter, fixedCapture, error);
        const { received } = await sendThrough(receiver, makeExporter, fixedCapture, error, limit);
        for (const [key, value] of Object.entries(received)) {
          const values = Array.isArray(value) ? value : [value];
          for (const item of values) {
            if (typeof item === 'string')
              assert.ok(item.length <= limit, `${key} within the limit`);
          }
        }
        // 1. semconv strings are cut by prefix, like the SDK does.
        const stack = stringOf(unlimited.received[names.EXCEPTION_STACKTRACE]);
        assert.equal(received[names.EXCEPTION_STACKTRACE], stack.slice(0, limit));
        // 2. frames fit and stay whole; the chain does not, so it and everything after it are left out.
        assert.equal(received[names.FRAMES], unlimited.received[names.FRAMES]);
        for (const key of [names.CHAIN, names.SOURCE, names.LOCALS]) {
          assert.equal(received[key], undefined, `${key} left out`);
          assert.equal(
            typeof unlimited.received[key],
            'string',
            `${key} present without the limit`,
          );
        }
        // 3. the fingerprint is never cut; what is missing is named.
        assert.equal(received[names.FINGERPRINT], '6f1c2a3e-5b7d-5c11-9a0e-0d6f9c2b4e71');
        assert.deepEqual(received[names.TRUNCATED], [names.CHAIN, names.SOURCE, names.LOCALS]);
      });
    });
  }
});
