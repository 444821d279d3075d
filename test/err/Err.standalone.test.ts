import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { factsOf, runScenario, type ScenarioResult } from './runScenario.ts';

const SCENARIO = 'standaloneScenario.ts';

describe('Err without an OpenTelemetry SDK (child processes)', { concurrency: true }, () => {
  let root: string;
  let next = 0;
  const freshDir = () => path.join(root, String(next++));
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-err-standalone-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (
    scenario: string,
    dir: string,
    env: Record<string, string> = {},
    nodeArgs: string[] = [],
  ) => runScenario(SCENARIO, { args: [scenario], nodeArgs, env: { ERR_DIR: dir, ...env } });

  function onlyReport(result: ScenarioResult): Record<string, unknown> {
    const reports = factsOf(result, 'report');
    assert.equal(reports.length, 1, result.stderr);
    return reports[0]!;
  }

  function crashFile(dir: string, fingerprint: unknown): ErrorInfo {
    return fromJSON(fs.readFileSync(path.join(dir, `${String(fingerprint)}.json`), 'utf8'));
  }

  describe('an uncaught exception', { concurrency: true }, () => {
    it('should exit with code 1 after writing the crash file and printing the configured traceback', async () => {
      const dir = freshDir();
      const result = await run('uncaught', dir, { ERR_FORMAT: 'terse' });
      assert.equal(result.code, 1);
      assert.deepEqual(factsOf(result, 'setup'), [{ event: 'setup', registered: false }]);
      assert.deepEqual(factsOf(result, 'alive'), []);
      const report = onlyReport(result);
      const file = crashFile(dir, report.fingerprint);
      assert.equal(file.count, 1);
      assert.equal(file.fingerprint, report.fingerprint);
      assert.deepEqual([file.name, file.version], ['err-fixtures', '1.2.3']); // package.json
      assert.equal(file.exception.message, 'standalone uncaught');
      assert.equal(file.frames[0]?.function, 'Timeout._onTimeout');
      assert.ok(file.frames[0]?.file?.endsWith(SCENARIO));
      assert.equal(file.frames[0]?.inApp, true);
      assert.match(file.trace?.traceId ?? '', /^[0-9a-f]{32}$/);
      // terse: the header names service, version and fingerprint; the throwing line is shown.
      assert.ok(
        result.stderr.startsWith(
          `Error: standalone uncaught  [err-fixtures 1.2.3 · ${String(report.fingerprint)}]\n    at Timeout._onTimeout (`,
        ),
        result.stderr,
      );
      assert.match(result.stderr, /\n\s+throw new Error\(`standalone \$\{scenario\}`\);\n\s+\^\n/);
    });

    it("should print Node's own look ('basic') when format is null", async () => {
      const result = await run('uncaught', freshDir(), { ERR_FORMAT: 'none' });
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /^Error: standalone uncaught\n {4}at Timeout\._onTimeout \(file:\/\/\S+standaloneScenario\.ts:\d+:\d+\)\n {4}at listOnTimeout \(node:internal/,
      );
      assert.doesNotMatch(result.stderr, / · /);
    });

    it('should count a second crash of the same bug in the same file', async () => {
      const dir = freshDir();
      const first = onlyReport(await run('uncaught', dir));
      const second = onlyReport(await run('uncaught', dir));
      assert.equal(second.fingerprint, first.fingerprint);
      const file = crashFile(dir, first.fingerprint);
      assert.equal(file.count, 2);
      assert.ok(file.firstSeen < file.lastSeen);
      assert.deepEqual(fs.readdirSync(dir).filter(name => name.endsWith('.json')).length, 1);
    });

    it('should report a thrown string', async () => {
      const dir = freshDir();
      const result = await run('string', dir, { ERR_FORMAT: 'basic' });
      assert.equal(result.code, 1);
      const report = onlyReport(result);
      assert.deepEqual([report.kind, report.message], ['string', 'a thrown string']);
      assert.equal(crashFile(dir, report.fingerprint).exception.kind, 'string');
      assert.match(result.stderr, /a thrown string/);
    });
  });

  describe('an unhandled rejection', { concurrency: true }, () => {
    // [Node flag, exit code Node gives, whether the process goes on]
    const modes: [string | null, number, boolean][] = [
      [null, 1, false], // throw (default): fatal, through our exit
      ['strict', 1, false], // raised as an uncaught exception: reported once, from there
      ['warn', 0, true],
      ['none', 0, true],
      ['warn-with-error-code', 1, true],
    ];
    for (const [mode, code, alive] of modes) {
      it(`should be reported once and exit as Node does under ${mode ?? 'the default mode'}`, async () => {
        const dir = freshDir();
        const flags = mode === null ? [] : [`--unhandled-rejections=${mode}`];
        const result = await run('rejection', dir, {}, flags);
        assert.equal(result.code, code, result.stderr);
        assert.equal(factsOf(result, 'alive').length, alive ? 1 : 0);
        const report = onlyReport(result);
        assert.equal(report.message, 'standalone rejection');
        assert.equal(crashFile(dir, report.fingerprint).count, 1);
      });
    }
  });

  describe('an uncaught exception with an application listener', () => {
    it('should be recorded, the listener called, and the process left alone', async () => {
      const dir = freshDir();
      const result = await run('handled', dir);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(factsOf(result, 'user-handler'), [
        { event: 'user-handler', message: 'Error: standalone handled' },
      ]);
      assert.equal(factsOf(result, 'alive').length, 1);
      assert.equal(crashFile(dir, onlyReport(result).fingerprint).count, 1);
    });
  });

  describe('a normal exit', () => {
    it('should write the occurrences still buffered in memory', async () => {
      const dir = freshDir();
      const result = await run('counted', dir, { ERR_FORMAT: 'none' });
      assert.equal(result.code, 0, result.stderr);
      const [first, second] = factsOf(result, 'report');
      assert.equal(second?.fingerprint, first?.fingerprint);
      assert.equal(crashFile(dir, first?.fingerprint).count, 2);
      assert.equal(result.stderr, ''); // format null: nothing printed for caught errors
    });
  });
});
