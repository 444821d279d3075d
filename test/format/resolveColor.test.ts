import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveColor } from '../../src/format/resolveColor.ts';

describe('resolveColor', () => {
  describe('environment and TTY table', () => {
    const table: [string, Record<string, string>, boolean | undefined, boolean][] = [
      ['a TTY with no variables', {}, true, true],
      ['a pipe with no variables', {}, false, false],
      ['no stream at all', {}, undefined, false],
      ['NO_COLOR=1 on a TTY', { NO_COLOR: '1' }, true, false],
      ['an empty NO_COLOR on a TTY (ignored)', { NO_COLOR: '' }, true, true],
      ['NO_COLOR beside FORCE_COLOR=1', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
      ['FORCE_COLOR=1 on a pipe', { FORCE_COLOR: '1' }, false, true],
      ['FORCE_COLOR=3 on a pipe', { FORCE_COLOR: '3' }, false, true],
      ['FORCE_COLOR=true on a pipe', { FORCE_COLOR: 'true' }, false, true],
      ['an empty FORCE_COLOR on a pipe (Node reads it as on)', { FORCE_COLOR: '' }, false, true],
      ['FORCE_COLOR=0 on a TTY', { FORCE_COLOR: '0' }, true, false],
      ['FORCE_COLOR=false on a TTY', { FORCE_COLOR: 'false' }, true, false],
      ['FORCE_COLOR=FALSE on a TTY', { FORCE_COLOR: 'FALSE' }, true, false],
      ['TERM=dumb on a TTY', { TERM: 'dumb' }, true, false],
      ['TERM=dumb with FORCE_COLOR=1', { TERM: 'dumb', FORCE_COLOR: '1' }, false, true],
      ['TERM=xterm-256color on a TTY', { TERM: 'xterm-256color' }, true, true],
    ];
    for (const [scenario, env, isTTY, expected] of table) {
      it(`should return ${expected} for ${scenario}`, () => {
        assert.equal(resolveColor(isTTY === undefined ? undefined : { isTTY }, env), expected);
      });
    }
  });

  describe('defaults', () => {
    it('should read process.env when no environment is passed', () => {
      const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
      try {
        delete process.env.NO_COLOR;
        process.env.FORCE_COLOR = '1';
        assert.equal(resolveColor({ isTTY: false }), true);
        process.env.NO_COLOR = '1';
        assert.equal(resolveColor({ isTTY: true }), false);
      } finally {
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
    });
  });
});
