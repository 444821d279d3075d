import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statementText } from '../../src/fingerprint/statementText.ts';

/** The context of `lines` with the frame on the first line (1-based `firstLine` 10). */
const at = (lines: string[], currentIndex = 0) => ({
  firstLine: 10,
  currentLine: 10 + currentIndex,
  lines,
});

describe('statementText', () => {
  describe('one line', () => {
    const cases: [string, string, number | null, string | null][] = [
      [
        'a throw, from the column to the semicolon',
        "    throw new Error('boom');",
        11,
        "new Error('boom')",
      ],
      [
        'the first of two throws on one line',
        "if (!a) throw new E('a'); if (!b) throw new E('b');",
        15,
        "new E('a')",
      ],
      [
        'the second of two throws on one line',
        "if (!a) throw new E('a'); if (!b) throw new E('b');",
        41,
        "new E('b')",
      ],
      [
        'a property read with its receiver',
        '  const n = user.profile.name;',
        26,
        'user.profile.name',
      ],
      [
        'a method call with its receiver chain',
        '  return this.repo.find(id).then(x => x);',
        29,
        'this.repo.find(id).then(x => x)',
      ],
      [
        'a call ending the enclosing expression',
        '  items.map(x => { throw new Error(`bad ${x}`) })',
        27,
        'new Error(`bad ${x}`)',
      ],
      ['an argument ending at a comma', '  call(first(a), second(b));', 18, 'second(b)'],
      ['a statement without semicolon', '  await save(order)', 9, 'save(order)'],
      ['text up to a line comment', "  fail('x') // why", 3, "fail('x')"],
      ['quotes holding brackets and semicolons', "  fail(');}', `)`);", 3, "fail(');}', `)`)"],
      ['a missing column: the whole line', '  throw new Error(1);', null, 'throw new Error(1)'],
      ['a column past the line: the whole line', 'x();', 99, 'x()'],
      ['a blank line', '   ', 2, null],
    ];
    for (const [name, line, column, expected] of cases) {
      it(`should take ${name}`, () => assert.equal(statementText(at([line]), column), expected));
    }
  });

  describe('several lines', () => {
    it('should follow a wrapped call to its closing bracket', () => {
      const lines = ['    throw new ValidationError(', '      `quantity ${q}`,', '    );', '  }'];
      assert.equal(statementText(at(lines), 11), 'new ValidationError( `quantity ${q}`, )');
    });
    it('should follow a template literal over lines', () => {
      const lines = ['  fail(`first', '  second`);', 'next();'];
      assert.equal(statementText(at(lines), 3), 'fail(`first second`)');
    });
    it('should stop after six lines', () => {
      const lines = ['f(', ...Array.from({ length: 10 }, (_, i) => `  a${i},`), ');'];
      assert.equal(statementText(at(lines), 1), 'f( a0, a1, a2, a3, a4,');
    });
    it('should stop at the end of the context', () => {
      assert.equal(statementText(at(['f(', '  a,']), 1), 'f( a,');
    });
    it('should read the current line, not the first one', () => {
      assert.equal(statementText(at(['before();', '  after();'], 1), 3), 'after()');
    });
  });

  describe('long lines', () => {
    it('should take a line clipped around the column whole', () => {
      const clipped = `…${'a;'.repeat(100)}…`;
      assert.equal(statementText(at([clipped]), 5_000), clipped);
    });
    it('should stop scanning after 240 characters', () => {
      const text = statementText(at([`f(${'x'.repeat(500)})`]), 1);
      assert.equal(text?.length, 240);
    });
  });
});
