import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ErrorInfo, Frame } from '../../src/errorinfo/ErrorInfo.ts';
import { exceptionAttributes, type AttributeLimits } from '../../processors/attributes.ts';
import * as names from '../../processors/semconv.ts';
import { stringOf } from '../helpers/otlp/attributesOf.ts';
import { TestCapture } from './TestCapture.ts';

const UNLIMITED: AttributeLimits = {
  valueLength: Infinity,
  maxAttributeLength: Infinity,
  maxTotalLength: Infinity,
};
const JSON_KEYS = [names.FRAMES, names.CHAIN, names.SOURCE, names.LOCALS];

function deep(depth: number): never {
  if (depth === 0) throw new RangeError('deep failure');
  return deep(depth - 1);
}

/** A realistic report: ~25 frames, a cause with frames, source on in-app frames, locals on the top one. */
function richInfo(): ErrorInfo {
  const capture = new TestCapture({ source: true, locals: { user: 'ada', attempts: 3 } });
  try {
    deep(20);
  } catch (cause) {
    return capture.capture(new Error('outer failure', { cause }));
  }
  throw new Error('unreachable');
}

function frame(overrides: Partial<Frame>): Frame {
  return {
    function: 'fn',
    alias: null,
    file: '/app/src/a.ts',
    line: 1,
    column: 1,
    async: false,
    isConstructor: false,
    native: false,
    eval: false,
    evalOrigin: null,
    promiseIndex: null,
    module: 'a',
    inApp: true,
    generated: null,
    source: null,
    locals: null,
    ...overrides,
  };
}

function withFrames(frames: Frame[]): ErrorInfo {
  return { ...richInfo(), frames };
}

describe('exceptionAttributes', () => {
  describe('semantic-convention attributes', () => {
    it('should take exception.type from the report, never from the code', () => {
      const info = richInfo();
      const systemError = {
        ...info,
        exception: { ...info.exception, type: 'Error', code: 'ENOENT', errno: -2 },
      };
      const attributes = exceptionAttributes(systemError, 1, UNLIMITED);
      assert.equal(attributes[names.EXCEPTION_TYPE], 'Error');
      assert.equal(attributes[names.EXCEPTION_CODE], 'ENOENT');
      assert.equal(attributes[names.EXCEPTION_ERRNO], -2);
    });

    const codeCases: { name: string; frames: Frame[]; expected: Record<string, unknown> }[] = [
      {
        name: 'the top in-app frame, past library frames',
        frames: [
          frame({ function: 'lib', file: '/app/node_modules/x/i.js', inApp: false }),
          frame({ function: 'handler', file: '/app/src/h.ts', line: 7, column: 3 }),
        ],
        expected: {
          [names.CODE_FUNCTION_NAME]: 'handler',
          [names.CODE_FILE_PATH]: '/app/src/h.ts',
          [names.CODE_LINE_NUMBER]: 7,
          [names.CODE_COLUMN_NUMBER]: 3,
        },
      },
      {
        name: 'a file:// URL as a path',
        frames: [frame({ function: 'esm', file: 'file:///app/src/m.mjs', line: 2, column: 9 })],
        expected: {
          [names.CODE_FUNCTION_NAME]: 'esm',
          [names.CODE_FILE_PATH]: '/app/src/m.mjs',
          [names.CODE_LINE_NUMBER]: 2,
          [names.CODE_COLUMN_NUMBER]: 9,
        },
      },
      {
        name: 'the top frame with a file when none is in-app',
        frames: [
          frame({
            function: null,
            file: null,
            native: true,
            inApp: false,
            line: null,
            column: null,
          }),
          frame({ function: 'connect', file: 'node:net', line: 5, column: 1, inApp: false }),
        ],
        expected: {
          [names.CODE_FUNCTION_NAME]: 'connect',
          [names.CODE_FILE_PATH]: 'node:net',
          [names.CODE_LINE_NUMBER]: 5,
          [names.CODE_COLUMN_NUMBER]: 1,
        },
      },
      { name: 'nothing without frames', frames: [], expected: {} },
    ];
    for (const { name, frames, expected } of codeCases) {
      it(`should describe ${name} in code.*`, () => {
        const attributes = exceptionAttributes(withFrames(frames), 1, UNLIMITED);
        const code = Object.fromEntries(
          Object.entries(attributes).filter(([key]) => key.startsWith('code.')),
        );
        assert.deepEqual(code, expected);
      });
    }
  });

  describe('our attributes', () => {
    it('should carry the fingerprint, the occurrence and parseable JSON, in priority order', () => {
      const info = richInfo();
      const attributes = exceptionAttributes(info, 4, UNLIMITED);
      assert.equal(attributes[names.FINGERPRINT], info.fingerprint);
      assert.equal(attributes[names.OCCURRENCE], 4);
      const frames = JSON.parse(stringOf(attributes[names.FRAMES])) as { function?: string }[];
      assert.equal(frames.length, info.frames.length);
      assert.equal(frames[0]?.function, 'richInfo');
      const chain = JSON.parse(stringOf(attributes[names.CHAIN])) as { path: string }[];
      assert.deepEqual(
        chain.map(link => link.path),
        ['cause'],
      );
      const locals = JSON.parse(stringOf(attributes[names.LOCALS])) as unknown[];
      assert.deepEqual(locals, [{ frame: 0, locals: { user: 'ada', attempts: 3 } }]);
      assert.ok(JSON.parse(stringOf(attributes[names.SOURCE])));
      assert.equal(attributes[names.TRUNCATED], undefined);
      const keys = Object.keys(attributes);
      const order = [names.EXCEPTION_TYPE, names.FINGERPRINT, ...JSON_KEYS];
      assert.deepEqual(
        keys.filter(key => order.includes(key)),
        order,
      );
    });
  });

  describe('cut order', () => {
    const info = richInfo();
    const full = exceptionAttributes(info, 1, UNLIMITED);
    const size = (key: string) => stringOf(full[key]).length;

    const cases: { name: string; limits: AttributeLimits; kept: string[]; truncated: string[] }[] =
      [
        {
          name: 'a total budget for the frames alone: chain, source and locals go',
          limits: { ...UNLIMITED, maxTotalLength: size(names.FRAMES) },
          kept: [names.FRAMES],
          truncated: [names.CHAIN, names.SOURCE, names.LOCALS],
        },
        {
          name: 'a budget short of the locals: only the locals go',
          limits: {
            ...UNLIMITED,
            maxTotalLength: size(names.FRAMES) + size(names.CHAIN) + size(names.SOURCE) + 5,
          },
          kept: [names.FRAMES, names.CHAIN, names.SOURCE],
          truncated: [names.LOCALS],
        },
        {
          name: 'a budget short of one frame: the frames are cut, the rest goes',
          limits: { ...UNLIMITED, maxTotalLength: size(names.FRAMES) - 1 },
          kept: [names.FRAMES],
          truncated: [names.FRAMES, names.CHAIN, names.SOURCE, names.LOCALS],
        },
      ];
    for (const { name, limits, kept, truncated } of cases) {
      it(`should respect ${name}`, () => {
        const attributes = exceptionAttributes(info, 1, limits);
        assert.deepEqual(
          JSON_KEYS.filter(key => key in attributes),
          kept,
        );
        assert.deepEqual(attributes[names.TRUNCATED], truncated);
      });
    }

    it('should leave the fingerprint out, never cut, under a tiny SDK length limit', () => {
      const attributes = exceptionAttributes(info, 1, { ...UNLIMITED, valueLength: 20 });
      assert.equal(attributes[names.FINGERPRINT], undefined);
      assert.ok((attributes[names.TRUNCATED] as string[]).includes(names.FINGERPRINT));
      assert.equal(stringOf(attributes[names.EXCEPTION_STACKTRACE]).length, 20);
    });

    it('should keep every value within the limits and every JSON attribute parseable', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 6000 }),
          fc.integer({ min: 1, max: 6000 }),
          fc.integer({ min: 0, max: 20000 }),
          (valueLength, maxAttributeLength, maxTotalLength) => {
            const limits = { valueLength, maxAttributeLength, maxTotalLength };
            const attributes = exceptionAttributes(info, 1, limits);
            let total = 0;
            for (const [key, value] of Object.entries(attributes)) {
              const strings = Array.isArray(value) ? value : [value];
              for (const text of strings) {
                if (typeof text === 'string') assert.ok(text.length <= valueLength, key);
              }
              if (!JSON_KEYS.includes(key)) continue;
              const json = stringOf(value);
              assert.ok(json.length <= Math.min(valueLength, maxAttributeLength), key);
              assert.ok(Array.isArray(JSON.parse(json)));
              total += json.length;
            }
            assert.ok(total <= maxTotalLength);
          },
        ),
        { seed: 20250114, numRuns: 200 },
      );
    });
  });
});
