import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeDataUrl, findSourceMappingUrl } from '../../src/source/sourceMappingUrl.ts';

describe('sourceMappingUrl', () => {
  describe('findSourceMappingUrl', () => {
    const cases: [string, string[], string | null][] = [
      ['a plain comment', ['code();', '//# sourceMappingURL=app.js.map'], 'app.js.map'],
      ['the legacy //@ form', ['//@ sourceMappingURL=old.js.map'], 'old.js.map'],
      ['a block comment', ['/*# sourceMappingURL=block.js.map */'], 'block.js.map'],
      ['indentation and trailing spaces', ['  //# sourceMappingURL=x.map  '], 'x.map'],
      [
        'the LAST of several comments',
        ['//# sourceMappingURL=first.map', 'code();', '//# sourceMappingURL=last.map', ''],
        'last.map',
      ],
      [
        'a data: URL',
        ['//# sourceMappingURL=data:application/json;base64,e30='],
        'data:application/json;base64,e30=',
      ],
      ['no comment', ['code();'], null],
      ['a mention inside a string', ["const s = '//# sourceMappingURL=fake.map';"], null],
      ['an empty value', ['//# sourceMappingURL='], null],
      ['no lines', [], null],
    ];
    for (const [name, lines, expected] of cases) {
      it(`should handle ${name}`, () => {
        assert.equal(findSourceMappingUrl(lines), expected);
      });
    }
  });

  describe('decodeDataUrl', () => {
    const json = '{"version":3,"sources":["ü.ts"]}';
    const cases: [string, string, string | null][] = [
      ['base64', `data:application/json;base64,${Buffer.from(json).toString('base64')}`, json],
      [
        'base64 with a charset',
        `data:application/json;charset=utf-8;base64,${Buffer.from(json).toString('base64')}`,
        json,
      ],
      ['percent-encoding', `data:application/json,${encodeURIComponent(json)}`, json],
      ['broken percent-encoding', 'data:application/json,%E0%A4%A', null],
      ['no comma', 'data:application/json;base64', null],
      ['another scheme', 'http://example.com/a.map', null],
    ];
    for (const [name, url, expected] of cases) {
      it(`should decode ${name}`, () => {
        assert.equal(decodeDataUrl(url), expected);
      });
    }
  });
});
