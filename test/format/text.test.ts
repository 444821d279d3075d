import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clip, displayLine, escapeText, messageLines, safeLine } from '../../src/format/text.ts';

describe('text', () => {
  describe('escapeText', () => {
    const table: [string, string, string][] = [
      ['an SGR colour sequence', 'a\x1b[31mred\x1b[0m', 'a\\x1b[31mred\\x1b[0m'],
      ['an OSC 8 hyperlink', '\x1b]8;;http://x\x07y', '\\x1b]8;;http://x\\x07y'],
      ['a C1 CSI byte', 'a\u009b2J', 'a\\x9b2J'],
      ['newline, carriage return and tab', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
      ['NUL, backspace and DEL', '\0\b\x7f', '\\x00\\x08\\x7f'],
      ['a bidi override (Trojan Source)', 'abc\u202edef\u2066', 'abc\\u202edef\\u2066'],
      ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
      ['ordinary text, accents and emoji', 'café → 🎉 "q" \\', 'café → 🎉 "q" \\'],
    ];
    for (const [scenario, input, expected] of table) {
      it(`should make ${scenario} visible`, () => {
        assert.equal(escapeText(input), expected);
      });
    }
  });

  describe('clip', () => {
    const table: [string, string, number, string][] = [
      ['a short text', 'abc', 5, 'abc'],
      ['a text of exactly max', 'abcde', 5, 'abcde'],
      ['a long text', 'abcdefgh', 5, 'abcd…'],
      ['a cut inside a surrogate pair', 'abc🎉def', 5, 'abc…'],
      ['a zero budget', 'abc', 0, ''],
    ];
    for (const [scenario, input, max, expected] of table) {
      it(`should handle ${scenario}`, () => {
        assert.equal(clip(input, max), expected);
      });
    }
  });

  describe('safeLine', () => {
    it('should escape and clip a huge hostile value to the limit', () => {
      const out = safeLine('\x1b'.repeat(1_000_000), 10);
      assert.equal(out, '\\x1b\\x1b\\…');
    });
  });

  describe('messageLines', () => {
    it('should split lines and count those past the limit', () => {
      assert.deepEqual(messageLines('one\r\ntwo\nthree\nfour', 2, 80), [
        'one',
        'two',
        '… 2 more lines',
      ]);
    });

    it('should escape each line on its own', () => {
      assert.deepEqual(messageLines('a\x1b[2Jb\nc', 5, 80), ['a\\x1b[2Jb', 'c']);
    });
  });

  describe('displayLine', () => {
    it('should put the caret under a 1-based column', () => {
      assert.deepEqual(displayLine('  foo.bar()', 7, 80), { text: '  foo.bar()', caret: 6 });
    });

    it('should drop the indentation and move the caret with it', () => {
      assert.deepEqual(displayLine('    x = y.z', 9, 80, 4), { text: 'x = y.z', caret: 4 });
    });

    it('should expand tabs and keep the caret aligned', () => {
      assert.deepEqual(displayLine('\tf(\tx)', 5, 80), { text: '    f(    x)', caret: 10 });
    });

    it('should count an escaped control character by its display width', () => {
      assert.deepEqual(displayLine('a\x1bb', 3, 80), { text: 'a\\x1bb', caret: 5 });
    });

    it('should give no caret without a usable column', () => {
      assert.deepEqual(displayLine('abc', null, 80), { text: 'abc', caret: null });
      assert.deepEqual(displayLine('abc', 0, 80), { text: 'abc', caret: null });
      assert.deepEqual(displayLine('abc', 99, 80), { text: 'abc', caret: null });
    });

    it('should allow a column just past the end of the line', () => {
      assert.deepEqual(displayLine('abc', 4, 80), { text: 'abc', caret: 3 });
    });

    it('should clip a long line at the end when the column is near the start', () => {
      const { text, caret } = displayLine('x'.repeat(100), 3, 20);
      assert.equal(text, `${'x'.repeat(19)}…`);
      assert.equal(caret, 2);
    });

    it('should show a window around a column deep inside a minified line', () => {
      const raw = `${'a'.repeat(5000)}THROW${'b'.repeat(5000)}`;
      const { text, caret } = displayLine(raw, 5001, 40);
      assert.equal(text.length, 40);
      assert.ok(text.startsWith('…') && text.endsWith('…'));
      assert.equal(text.slice(caret ?? -1, (caret ?? -1) + 5), 'THROW');
    });
  });
});
