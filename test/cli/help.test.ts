import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { hasStackTrace, runErr } from './runErr.ts';

const pkg = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8'),
) as {
  version: string;
};

describe('err help', () => {
  describe('err alone', () => {
    it('should print the help with every verb and the exit codes, and exit 0', async () => {
      const run = await runErr([]);
      assert.equal(run.code, 0);
      for (const verb of ['list', 'view <fingerprint>', 'stats', 'clear [fingerprints..]']) {
        assert.match(run.stdout, new RegExp(`err ${verb.replace(/[[\].]/g, '\\$&')}`));
      }
      assert.match(run.stdout, /Exit codes:\n {2}0 {2}success\n {2}1 {2}some files/);
    });
  });

  describe('every verb', () => {
    for (const verb of ['list', 'view', 'stats', 'clear']) {
      it(`should print \`err ${verb} --help\` with an example and the exit codes`, async () => {
        const run = await runErr([verb, '--help']);
        assert.equal(run.code, 0);
        assert.match(run.stdout, /Examples:\n {2}err /);
        assert.match(run.stdout, /Exit codes:/);
      });
    }
  });

  describe('bad usage', () => {
    it('should name an unknown verb in one line and exit 2', async () => {
      const run = await runErr(['lst']);
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        "err: Unknown argument: lst\nRun 'err --help' (or 'err <command> --help') for usage.\n",
      );
      assert.equal(hasStackTrace(run.stderr), false);
    });

    it('should name an invalid choice and exit 2', async () => {
      const run = await runErr(['list', '--sort', 'size']);
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        'err: Invalid values:\n  Argument: sort, Given: "size", Choices: "last", "first", "count", "service", "type"\n' +
          "Run 'err --help' (or 'err <command> --help') for usage.\n",
      );
    });
  });

  describe('--version', () => {
    it('should print the package version', async () => {
      const run = await runErr(['--version']);
      assert.equal(run.code, 0);
      assert.equal(run.stdout, `${pkg.version}\n`);
    });
  });
});
