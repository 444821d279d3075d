import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  LoggerProvider,
  type LogRecordProcessor,
  type ReadWriteLogRecord,
} from '@opentelemetry/sdk-logs';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import {
  logRecordLimitsOf,
  NO_EXCEPTION,
  spanLimitsOf,
  spanOwnerOf,
  takeLogRecordException,
} from '../../processors/sdkInternals.ts';

function capturingLogger(limits?: {
  attributeValueLengthLimit?: number;
  attributeCountLimit?: number;
}) {
  const records: ReadWriteLogRecord[] = [];
  const processor: LogRecordProcessor = {
    onEmit: record => {
      records.push(record);
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  const provider = new LoggerProvider({ processors: [processor], logRecordLimits: limits });
  return { logger: provider.getLogger('test'), records };
}

describe('sdkInternals', () => {
  describe('spanLimitsOf', () => {
    it('should read the limits of a real span, and the SDK defaults of anything else', () => {
      const provider = new TracerProvider({
        spanLimits: { attributeValueLengthLimit: 77, attributePerEventCountLimit: 9 },
      });
      const span = provider.getTracer('t').startSpan('s');
      assert.deepEqual(spanLimitsOf(span), { valueLength: 77, attributeCount: 9 });
      assert.deepEqual(spanLimitsOf({}), { valueLength: Infinity, attributeCount: 128 });
      span.end();
    });
  });

  describe('spanOwnerOf', () => {
    it('should identify the provider of a span', () => {
      const one = new TracerProvider().getTracer('t');
      const two = new TracerProvider().getTracer('t');
      const [a, b, c] = [one.startSpan('a'), one.startSpan('b'), two.startSpan('c')];
      assert.ok(spanOwnerOf(a));
      assert.equal(spanOwnerOf(a), spanOwnerOf(b));
      assert.notEqual(spanOwnerOf(a), spanOwnerOf(c));
      assert.equal(spanOwnerOf({}), undefined);
      for (const span of [a, b, c]) span.end();
    });
  });

  describe('logRecordLimitsOf', () => {
    it('should read the limits of a real log record', () => {
      const { logger, records } = capturingLogger({
        attributeValueLengthLimit: 50,
        attributeCountLimit: 4,
      });
      logger.emit({ body: 'x' });
      assert.deepEqual(logRecordLimitsOf(records[0]!), { valueLength: 50, attributeCount: 4 });
    });
  });

  describe('takeLogRecordException', () => {
    it('should give, once, the exception object of every record after the first', () => {
      const { logger, records } = capturingLogger();
      const first = new Error('first');
      const second = new Error('second');
      logger.emit({ exception: first });
      assert.equal(takeLogRecordException(records[0]!), NO_EXCEPTION);
      logger.emit({ exception: second });
      assert.equal(takeLogRecordException(records[1]!), second);
      assert.equal(takeLogRecordException(records[1]!), NO_EXCEPTION);
      logger.emit({ body: 'no exception' });
      assert.equal(takeLogRecordException(records[2]!), NO_EXCEPTION);
    });
  });
});
