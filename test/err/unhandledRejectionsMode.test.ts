import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unhandledRejectionsMode } from '../../src/err/unhandledRejectionsMode.ts';

describe('unhandledRejectionsMode', () => {
  describe('flags and NODE_OPTIONS', () => {
    const cases: [string[], string, string][] = [
      [[], '', 'throw'],
      [['--unhandled-rejections=warn'], '', 'warn'],
      [['--unhandled-rejections', 'strict'], '', 'strict'],
      [
        ['--unhandled-rejections=none', '--unhandled-rejections=warn-with-error-code'],
        '',
        'warn-with-error-code',
      ],
      [[], '--max-old-space-size=100 --unhandled-rejections=none', 'none'],
      [['--unhandled-rejections=strict'], '--unhandled-rejections=none', 'strict'],
      [['--unhandled-rejections=bogus'], '', 'throw'],
      [['--no-unhandled-rejections-x'], '', 'throw'],
    ];
    for (const [execArgv, nodeOptions, expected] of cases) {
      it(`should read ${JSON.stringify([...execArgv, nodeOptions].join(' ').trim())} as ${expected}`, () => {
        assert.equal(unhandledRejectionsMode(execArgv, nodeOptions), expected);
      });
    }
  });
});
