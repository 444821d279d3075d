import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  messageTemplate,
  normalizeFunctionName,
  normalizeModuleName,
} from '../../src/fingerprint/normalize.ts';

describe('fingerprint normalisers', () => {
  describe('normalizeFunctionName', () => {
    const cases: [string | null, string][] = [
      [null, '<anonymous>'],
      ['', '<anonymous>'],
      ['save', 'save'],
      ['Sub.save', 'save'],
      ['Base.save', 'save'],
      ['Object.<anonymous>', '<anonymous>'],
      ['Object.[foo]', '[foo]'],
      ['[foo]', '[foo]'],
      ['Module._compile', '_compile'],
      ['a.b.c', 'c'],
    ];
    for (const [input, expected] of cases) {
      it(`should turn ${JSON.stringify(input)} into ${expected}`, () => {
        assert.equal(normalizeFunctionName(input), expected);
      });
    }
  });

  describe('normalizeModuleName', () => {
    it('should drop version segments and bundle hashes', () => {
      assert.equal(
        normalizeModuleName('.pnpm.left-pad@1.3.0.node_modules.left-pad:index'),
        '.pnpm.left-pad.node_modules.left-pad:index',
      );
      assert.equal(normalizeModuleName('dist:main.3f2a9c81'), 'dist:main.#');
      assert.equal(normalizeModuleName('app.services:user'), 'app.services:user');
      assert.equal(normalizeModuleName(null), '<unknown>');
    });
  });

  describe('messageTemplate', () => {
    const cases: [string, string][] = [
      ['user 42 not found', 'user <n> not found'],
      ['user 43 not found', 'user <n> not found'],
      [
        "ENOENT: no such file or directory, open '/srv/a/b.json'",
        'ENOENT: no such file or directory, open <str>',
      ],
      ['cannot read /srv/data/x.bin', 'cannot read <path>'],
      ['GET https://api.example.test/v1/users?id=3 failed', 'GET <url> failed'],
      ['order 3f1c2a9e-1111-4222-8333-444455556666 expired', 'order <uuid> expired'],
      ['bad pointer 0xdeadbeef at 12.5', 'bad pointer <hex> at <n>'],
      ['commit deadbeef1 missing', 'commit <hex> missing'],
    ];
    for (const [input, expected] of cases) {
      it(`should mask ${JSON.stringify(input)}`, () =>
        assert.equal(messageTemplate(input), expected));
    }
  });
});
