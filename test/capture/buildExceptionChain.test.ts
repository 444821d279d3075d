import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { ExceptionInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import {
  buildExceptionChain,
  exceptionChainDefaults,
  type FrameReader,
} from '../../src/capture/buildExceptionChain.ts';
import { TestAccessLog } from './TestAccessLog.ts';
import { frame as modelFrame } from '../helpers/model.ts';

function frame(fn: string): Frame {
  return modelFrame({
    function: fn,
    file: '/app/x.js',
    line: 1,
    column: 1,
    module: 'x',
    inApp: true,
  });
}

/** One frame named after the exception, so tests can see which reader call produced which frames. */
const fakeReader: FrameReader = (_error, exception) => [
  frame(`${exception.type}: ${exception.message}`),
];

/** `Error: e0` caused by `Error: e1` … caused by `Error: e<causes>`. */
function causeChain(causes: number): Error {
  let error = new Error(`e${causes}`);
  for (let i = causes - 1; i >= 0; i -= 1) error = new Error(`e${i}`, { cause: error });
  return error;
}

/** Messages down the `cause` links, and whether the last one was cut. */
function causeMessages(info: ExceptionInfo): { messages: string[]; lastTruncated: boolean } {
  const messages = [info.message];
  let node = info;
  while (node.cause !== null) {
    node = node.cause;
    messages.push(node.message);
  }
  return { messages, lastTruncated: node.truncated };
}

/** Exceptions in the tree and its depth (0 for the thrown one alone). */
function measure(info: ExceptionInfo, depth = 0): { count: number; depth: number } {
  let count = 1;
  let deepest = depth;
  for (const child of [...(info.cause === null ? [] : [info.cause]), ...info.errors]) {
    const sub = measure(child, depth + 1);
    count += sub.count;
    deepest = Math.max(deepest, sub.depth);
  }
  return { count, depth: deepest };
}

function captureDiag(level: DiagLogLevel): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  // Keep only our lines: the API logs its own (un)registration at debug level.
  const push = (message: string) =>
    void (message.startsWith('@opentelemetry') || lines.push(message));
  const logger: DiagLogger = { error: push, warn: push, info: push, debug: push, verbose: push };
  diag.setLogger(logger, level);
  return { lines, restore: () => diag.disable() };
}

describe('buildExceptionChain', () => {
  describe('frames', () => {
    it('should return the thrown exception frames apart and give each chained exception its own', () => {
      const { exception, frames } = buildExceptionChain(causeChain(1), fakeReader);
      assert.deepEqual(frames, [frame('Error: e0')]);
      assert.equal('frames' in exception, false);
      assert.deepEqual(exception.cause?.frames, [frame('Error: e1')]);
    });

    it('should pass the error object, or null for a non-error, with its normalised fields', () => {
      const calls: [object | null, string][] = [];
      const reader: FrameReader = (error, exception) => {
        calls.push([error, exception.kind]);
        return [];
      };
      const error = new Error('top', { cause: 'text' });
      buildExceptionChain(error, reader);
      assert.deepEqual(calls, [
        [null, 'string'],
        [error, 'error'],
      ]);
    });

    it('should keep no frames, and log, when readFrames throws', () => {
      const captured = captureDiag(DiagLogLevel.DEBUG);
      try {
        const { exception, frames } = buildExceptionChain(causeChain(1), () => {
          throw new Error('reader broke');
        });
        assert.deepEqual(frames, []);
        assert.deepEqual(exception.cause?.frames, []);
        assert.equal(exception.cause?.message, 'e1');
        assert.deepEqual(captured.lines, [
          'buildExceptionChain: readFrames threw, keeping no frames',
          'buildExceptionChain: readFrames threw, keeping no frames',
        ]);
      } finally {
        captured.restore();
      }
    });

    it('should keep no frames when readFrames returns something else than an array', () => {
      const reader = (() => 'frames') as unknown as FrameReader;
      assert.deepEqual(buildExceptionChain(new Error('x'), reader).frames, []);
    });
  });

  describe('cause chains', () => {
    const depthCases: [string, number, number | undefined, number, boolean][] = [
      ['exactly maxDepth causes', 3, 3, 4, false],
      ['one cause more than maxDepth', 4, 3, 4, true],
      ['exactly the default depth', 8, undefined, 9, false],
      ['one cause beyond the default depth', 9, undefined, 9, true],
      ['maxDepth 0 with a cause', 1, 0, 1, true],
    ];
    for (const [name, causes, maxDepth, kept, truncated] of depthCases) {
      it(`should cut at the depth cap: ${name}`, () => {
        const { exception } = buildExceptionChain(causeChain(causes), fakeReader, { maxDepth });
        const { messages, lastTruncated } = causeMessages(exception);
        assert.deepEqual(
          messages,
          Array.from({ length: kept }, (_, i) => `e${i}`),
        );
        assert.equal(lastTruncated, truncated);
      });
    }

    it('should cut a two-error cycle where it closes', () => {
      const a = new Error('a');
      const b = new Error('b', { cause: a });
      a.cause = b;
      const { exception } = buildExceptionChain(a, fakeReader);
      assert.deepEqual(causeMessages(exception), { messages: ['a', 'b'], lastTruncated: true });
      assert.equal(exception.truncated, false);
    });

    it('should cut a self-cause', () => {
      const self = new Error('self');
      self.cause = self;
      const { exception } = buildExceptionChain(self, fakeReader);
      assert.equal(exception.cause, null);
      assert.equal(exception.truncated, true);
    });

    it('should keep non-error causes as chained exceptions', () => {
      const causes: [unknown, string, string, string][] = [
        ['disk full', 'string', 'string', 'disk full'],
        [{ status: 500 }, 'Object', 'object', '{ status: 500 }'],
        [undefined, 'undefined', 'undefined', 'undefined'],
        [null, 'null', 'null', 'null'],
      ];
      for (const [cause, type, kind, message] of causes) {
        const { exception } = buildExceptionChain(new Error('top', { cause }), fakeReader);
        assert.deepEqual(
          {
            type: exception.cause?.type,
            kind: exception.cause?.kind,
            message: exception.cause?.message,
          },
          { type, kind, message },
        );
        assert.equal(exception.cause?.truncated, false);
      }
    });

    it('should follow a cause chain across realms', () => {
      const error = runInNewContext('new Error("outer", { cause: new TypeError("inner") })');
      const { exception } = buildExceptionChain(error, fakeReader);
      assert.equal(exception.cause?.type, 'TypeError');
      assert.equal(exception.cause?.kind, 'error');
      assert.deepEqual(exception.cause?.frames, [frame('TypeError: inner')]);
    });

    it('should keep a hostile cause without throwing', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      const { exception } = buildExceptionChain(new Error('top', { cause: proxy }), fakeReader);
      assert.equal(exception.cause?.kind, 'object');
      assert.equal(exception.cause?.message, '[object Object]');
    });

    it('should run the cause and errors getters once for the whole walk', () => {
      const log = new TestAccessLog();
      const error = log.getter(new Error('top'), 'cause', () => new Error('inner'));
      log.getter(error, 'errors', () => [new Error('member')]);
      const { exception } = buildExceptionChain(error, fakeReader);
      assert.equal(exception.cause?.message, 'inner');
      assert.equal(exception.errors[0]?.message, 'member');
      assert.deepEqual([log.count('get cause'), log.count('get errors')], [1, 1]);
    });
  });

  describe('AggregateError and SuppressedError', () => {
    it('should nest aggregates, each member with its own frames', () => {
      const inner = new AggregateError([new Error('e1'), 'e2'], 'inner');
      const { exception, frames } = buildExceptionChain(
        new AggregateError([inner, new RangeError('e3')], 'outer'),
        fakeReader,
      );
      assert.deepEqual(frames, [frame('AggregateError: outer')]);
      assert.deepEqual(
        exception.errors.map(member => [member.type, member.message, member.frames]),
        [
          ['AggregateError', 'inner', [frame('AggregateError: inner')]],
          ['RangeError', 'e3', [frame('RangeError: e3')]],
        ],
      );
      assert.deepEqual(
        exception.errors[0]?.errors.map(member => [member.type, member.message, member.kind]),
        [
          ['Error', 'e1', 'error'],
          ['string', 'e2', 'string'],
        ],
      );
      assert.equal(exception.truncated, false);
    });

    it('should count nested aggregates towards the depth cap', () => {
      let value: unknown = new Error('leaf');
      for (let i = 3; i >= 1; i -= 1) value = new AggregateError([value], `level ${i}`);
      const { exception } = buildExceptionChain(value, fakeReader, { maxDepth: 2 });
      const second = exception.errors[0]?.errors[0];
      assert.equal(second?.message, 'level 3');
      assert.deepEqual(second?.errors, []);
      assert.equal(second?.truncated, true);
    });

    it('should keep maxMembers members and mark the cut', () => {
      const members = Array.from({ length: 20 }, (_, i) => new Error(`m${i}`));
      const { exception } = buildExceptionChain(new AggregateError(members), fakeReader);
      assert.equal(exception.errors.length, exceptionChainDefaults.maxMembers);
      assert.equal(exception.errors.at(-1)?.message, 'm15');
      assert.equal(exception.truncated, true);
    });

    it('should include a member reached twice only once', () => {
      const shared = new Error('shared');
      const { exception } = buildExceptionChain(
        new AggregateError([shared, shared], 'dup', { cause: shared }),
        fakeReader,
      );
      assert.equal(exception.cause?.message, 'shared');
      assert.deepEqual(exception.errors, []);
      assert.equal(exception.truncated, true);
    });

    it('should stop at maxExceptions across the tree', () => {
      const members = Array.from(
        { length: 4 },
        (_, i) => new AggregateError([new Error(`a${i}`), new Error(`b${i}`)], `agg${i}`),
      );
      const { exception } = buildExceptionChain(new AggregateError(members), fakeReader, {
        maxExceptions: 5,
      });
      assert.equal(measure(exception).count, 5);
      assert.deepEqual(
        exception.errors.map(member => member.message),
        ['agg0', 'agg1'],
      );
      assert.equal(exception.truncated, true);
    });

    it(
      'should chain a SuppressedError error then suppressed',
      { skip: typeof SuppressedError !== 'function' },
      () => {
        const value = new SuppressedError(new Error('dispose'), new TypeError('original'), 'both');
        const { exception } = buildExceptionChain(value, fakeReader);
        assert.equal(exception.type, 'SuppressedError');
        assert.deepEqual(
          exception.errors.map(member => [member.type, member.message, member.frames]),
          [
            ['Error', 'dispose', [frame('Error: dispose')]],
            ['TypeError', 'original', [frame('TypeError: original')]],
          ],
        );
      },
    );
  });

  describe('options', () => {
    it('should fall back to the defaults and warn on invalid limits', () => {
      const captured = captureDiag(DiagLogLevel.WARN);
      try {
        const { exception } = buildExceptionChain(causeChain(12), fakeReader, {
          maxDepth: -1,
          maxMessageLength: 1.5,
        });
        assert.equal(causeMessages(exception).messages.length, 9);
        assert.deepEqual(captured.lines, [
          'buildExceptionChain: invalid maxMessageLength 1.5, using 8192',
          'buildExceptionChain: invalid maxDepth -1, using 8',
        ]);
      } finally {
        captured.restore();
      }
    });

    it('should keep the thrown exception alone, marked truncated, when the walk fails', () => {
      const options = {};
      Object.defineProperty(options, 'maxDepth', {
        enumerable: true,
        get: () => {
          throw new Error('hostile options');
        },
      });
      const { exception, frames } = buildExceptionChain(causeChain(2), fakeReader, options);
      assert.deepEqual(frames, []);
      assert.equal(exception.message, 'e0');
      assert.equal(exception.cause, null);
      assert.equal(exception.truncated, true);
    });
  });

  describe('fuzz', () => {
    it('should stay within the limits on random graphs with cycles', () => {
      const link = fc.record({
        kind: fc.constantFrom('cause', 'member'),
        from: fc.nat(),
        to: fc.nat(),
      });
      const graph = fc.record({
        nodes: fc.array(fc.oneof(fc.constant('error'), fc.constant('aggregate'), fc.anything()), {
          minLength: 1,
          maxLength: 12,
        }),
        links: fc.array(link, { maxLength: 30 }),
      });
      const limits = fc.record({
        maxDepth: fc.nat({ max: 6 }),
        maxMembers: fc.nat({ max: 5 }),
        maxExceptions: fc.integer({ min: 1, max: 20 }),
      });
      fc.assert(
        fc.property(graph, limits, ({ nodes, links }, options) => {
          const values = nodes.map((node, i) =>
            node === 'error'
              ? new Error(`n${i}`)
              : node === 'aggregate'
                ? new AggregateError([], `n${i}`)
                : node,
          );
          for (const { kind, from, to } of links) {
            const source = values[from % values.length];
            const target = values[to % values.length];
            if (kind === 'cause' && source instanceof Error) source.cause = target;
            if (kind === 'member' && source instanceof AggregateError) source.errors.push(target);
          }
          const { exception } = buildExceptionChain(values[0], fakeReader, options);
          const { count, depth } = measure(exception);
          assert.ok(count <= options.maxExceptions);
          assert.ok(depth <= options.maxDepth);
        }),
        { seed: 424242, numRuns: 300 },
      );
    });
  });
});
