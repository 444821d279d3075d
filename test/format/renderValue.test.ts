import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonValue } from '../../src/errorinfo/ErrorInfo.ts';
import { palette } from '../../src/format/palette.ts';
import { renderValue } from '../../src/format/renderValue.ts';

const plain = palette(false);

describe('renderValue', () => {
  describe('shapes', () => {
    const table: [string, JsonValue, string][] = [
      ['null', null, 'null'],
      ['a boolean', true, 'true'],
      ['a number', -1.5, '-1.5'],
      ['a string', 'hi', '"hi"'],
      ['quotes and backslashes', 'a"b\\c', '"a\\"b\\\\c"'],
      ['an empty array', [], '[]'],
      ['an empty object', {}, '{}'],
      ['an array', [1, 'a', null], '[1, "a", null]'],
      ['an object', { id: 'c_42', n: 2 }, '{ id: "c_42", n: 2 }'],
      ['keys that are not identifiers', { 'a-b': 1, $ok: 2 }, '{ "a-b": 1, $ok: 2 }'],
      ['nesting', { a: { b: [{ c: [] }] } }, '{ a: { b: [{ c: [] }] } }'],
    ];
    for (const [scenario, value, expected] of table) {
      it(`should render ${scenario}`, () => {
        assert.equal(renderValue(value, 120, plain), expected);
      });
    }
  });

  describe('clipping', () => {
    it('should end a clipped value with … at exactly the limit', () => {
      const out = renderValue({ items: Array.from({ length: 100 }, (_, i) => i) }, 30, plain);
      assert.equal(out, '{ items: [0, 1, 2, 3, 4, 5, 6…');
      assert.equal(out.length, 30);
    });

    it('should clip a huge string without walking all of it', () => {
      const out = renderValue('A'.repeat(5_000_000), 12, plain);
      assert.equal(out, '"AAAAAAAAAA…');
    });

    it('should stop at a depth limit on absurdly deep values', () => {
      const deep = JSON.parse('['.repeat(500) + ']'.repeat(500)) as JsonValue;
      const out = renderValue(deep, Infinity, plain);
      assert.equal(out, `${'['.repeat(16)}[…]${']'.repeat(16)}`);
    });
  });

  describe('escaping', () => {
    it('should escape control characters in strings and keys', () => {
      assert.equal(
        renderValue({ '\x1b[31m': '\x1b[0m\n' }, 120, plain),
        '{ "\\x1b[31m": "\\x1b[0m\\n" }',
      );
    });
  });

  describe('colour', () => {
    it('should colour by type and keep the visible text unchanged', () => {
      const out = renderValue({ s: 'x', n: 1, z: null }, 120, palette(true));
      assert.equal(
        out,
        '{ s: \x1b[32m"x"\x1b[39m, n: \x1b[33m1\x1b[39m, z: \x1b[90mnull\x1b[39m }',
      );
    });

    it('should clip on visible characters, never inside an escape code', () => {
      const out = renderValue(['abcdefghij', 'k'], 8, palette(true));
      assert.equal(out, '[\x1b[32m"abcde\x1b[39m…');
    });
  });
});
