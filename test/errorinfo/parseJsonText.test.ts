import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorInfoFormatError } from '../../src/errorinfo/ErrorInfoFormatError.ts';
import { parseJsonText } from '../../src/errorinfo/parseJsonText.ts';

function syntaxErrorOf(text: string): ErrorInfoFormatError {
  try {
    parseJsonText(text);
  } catch (error) {
    assert.ok(error instanceof ErrorInfoFormatError);
    return error;
  }
  assert.fail(`parsed: ${text}`);
}

describe('parseJsonText', () => {
  describe('valid JSON', () => {
    it('should return what JSON.parse returns', () => {
      assert.deepEqual(parseJsonText('{"a":[1,"\\u0000",null]}'), { a: [1, '\u0000', null] });
    });
  });

  describe('syntax errors', () => {
    const cases: [string, string, number][] = [
      ['an empty text', '', 0],
      ['a truncated object', '{"a":1', 6],
      ['a trailing comma', '{"a":1,}', 7],
      ['an unexpected token', '{"a":x}', 5],
      ['a bad literal inside an array', '[1,2,tru]', 8],
      ['leading junk', 'x{}', 0],
      ['trailing junk', '{} x', 3],
      ['a control character in a string', '["a\u0001"]', 3],
    ];
    for (const [label, text, position] of cases) {
      it(`should report ${label} at $ with position ${position}`, () => {
        const error = syntaxErrorOf(text);
        assert.equal(error.field, '$');
        assert.match(error.shortMessage, new RegExp(`^invalid JSON.*at position ${position}\\b`));
        assert.ok(error.cause instanceof SyntaxError);
      });
    }

    it('should locate an unexpected token deep in a long text', () => {
      const text = `[${'1,'.repeat(50_000)}@]`;
      assert.match(syntaxErrorOf(text).shortMessage, /at position 100001\b/);
    });
  });
});
