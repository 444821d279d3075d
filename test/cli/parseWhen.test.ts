import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../../src/cli/CliError.ts';
import { parseDuration, parseWhen } from '../../src/cli/parseWhen.ts';

const NOW = Date.parse('2024-05-10T00:00:00Z');

describe('parseWhen', () => {
  describe('valid input', () => {
    const cases: readonly [string, string][] = [
      ['90s', '2024-05-09T23:58:30.000Z'],
      ['30m', '2024-05-09T23:30:00.000Z'],
      ['12h', '2024-05-09T12:00:00.000Z'],
      ['1.5d', '2024-05-08T12:00:00.000Z'],
      ['2w', '2024-04-26T00:00:00.000Z'],
      ['2024-05-01', '2024-05-01T00:00:00.000Z'],
      ['2024-05-01T10:00', '2024-05-01T10:00:00.000Z'],
      ['2024-05-01 10:00:30', '2024-05-01T10:00:30.000Z'],
      ['2024-05-01T10:00:00+02:00', '2024-05-01T08:00:00.000Z'],
    ];
    for (const [text, expected] of cases) {
      it(`should read ${text}`, () =>
        assert.equal(new Date(parseWhen(text, '--since', NOW)).toISOString(), expected));
    }
  });

  describe('invalid input', () => {
    for (const text of ['', 'yesterday', '7', '7y', '-1d', '2024-13-45', '2024/05/01']) {
      it(`should refuse '${text}' with exit 2, naming the option`, () => {
        assert.throws(
          () => parseWhen(text, '--since', NOW),
          (error: unknown) =>
            error instanceof CliError &&
            error.exitCode === 2 &&
            error.message.startsWith(`invalid --since '${text}'`),
        );
      });
    }

    it('should refuse a date as a duration', () => {
      assert.throws(
        () => parseDuration('2024-05-01', '--older-than'),
        /invalid --older-than '2024-05-01'/,
      );
    });
  });
});
