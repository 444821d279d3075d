import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { DEFAULT_LOCALS_OPTIONS, resolveLocalsOptions } from '../../src/locals/common.ts';

describe('resolveLocalsOptions', () => {
  const warnings: string[] = [];
  beforeEach(() => {
    warnings.length = 0;
    const ignore = () => undefined;
    diag.setLogger(
      { error: ignore, warn: m => warnings.push(m), info: ignore, debug: ignore, verbose: ignore },
      DiagLogLevel.WARN,
    );
  });
  afterEach(() => diag.disable());

  describe('defaults', () => {
    it('should apply every default, uncaught mode first', () => {
      assert.deepEqual(resolveLocalsOptions(), DEFAULT_LOCALS_OPTIONS);
      assert.equal(DEFAULT_LOCALS_OPTIONS.mode, 'uncaught');
      assert.equal(DEFAULT_LOCALS_OPTIONS.maxFrames, 5);
      assert.deepEqual(warnings, []);
    });

    it('should ignore undefined fields', () => {
      assert.equal(resolveLocalsOptions({ maxFrames: undefined }).maxFrames, 5);
    });
  });

  describe('bad values', () => {
    const cases: [string, Record<string, unknown>, string, unknown][] = [
      ['an unknown mode', { mode: 'sometimes' }, 'mode', 'uncaught'],
      ['a negative count', { maxFrames: -1 }, 'maxFrames', 1],
      ['a huge count', { maxDepth: 99 }, 'maxDepth', 10],
      ['a fraction', { maxPerSecond: 2.7 }, 'maxPerSecond', 2],
      ['NaN', { maxBytes: NaN }, 'maxBytes', 16_384],
      ['a string', { maxStringLength: '10' }, 'maxStringLength', 256],
    ];
    for (const [name, options, key, expected] of cases) {
      it(`should replace ${name} and warn`, () => {
        const resolved: Record<string, unknown> = {
          ...resolveLocalsOptions(options),
        };
        assert.equal(resolved[key], expected);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0] ?? '', /^Locals: /);
      });
    }
  });
});
