import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { defaultFormatOptions, resolveFormatOptions } from '../../src/format/FormatOptions.ts';

describe('resolveFormatOptions', () => {
  afterEach(() => {
    diag.disable();
  });

  describe('defaults', () => {
    it('should fill in every default', () => {
      assert.deepEqual(resolveFormatOptions({ color: false }), {
        ...defaultFormatOptions,
        color: false,
      });
    });

    it('should keep valid values, flooring fractions and allowing Infinity', () => {
      const out = resolveFormatOptions({ color: true, contextLines: 2.7, maxFrames: Infinity });
      assert.equal(out.contextLines, 2);
      assert.equal(out.maxFrames, Infinity);
    });
  });

  describe('nonsense', () => {
    const table: [string, Record<string, unknown>, string][] = [
      ['a negative count', { contextLines: -1 }, 'contextLines'],
      ['NaN', { maxFrames: Number.NaN }, 'maxFrames'],
      ['a string', { maxValueLength: '80' }, 'maxValueLength'],
      ['a value below the readable minimum', { maxLineLength: 3 }, 'maxLineLength'],
    ];
    for (const [scenario, options, key] of table) {
      it(`should replace ${scenario} with the default and warn`, () => {
        const warnings: string[] = [];
        diag.setLogger(
          { error() {}, warn: m => warnings.push(m), info() {}, debug() {}, verbose() {} },
          { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
        );
        const out = resolveFormatOptions({ color: false, ...options });
        assert.equal(
          out[key as keyof typeof defaultFormatOptions],
          defaultFormatOptions[key as keyof typeof defaultFormatOptions],
        );
        assert.equal(warnings.length, 1);
        assert.match(warnings[0] ?? '', new RegExp(`^format: option ${key} = .* is invalid`));
      });
    }
  });
});
