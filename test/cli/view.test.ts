import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fromDocument } from '../../src/errorinfo/codec.ts';
import { copyFixture, report, tempDir, writeWithStore } from './reportFixtures.ts';
import { hasStackTrace, runErr } from './runErr.ts';

const A = '12345678-1111-5111-8111-111111111111';
const B = '12349999-2222-5222-8222-222222222222';
const GUFO = 'ec9f48ea-5c2b-5e4f-9a7d-2f4b3c1d0e9a';
const SHOP = '7d1c2f3e-4a5b-5c6d-8e7f-0a1b2c3d4e5f';

describe('err view', () => {
  let dir: string;
  before(() => {
    dir = tempDir();
    writeWithStore(dir, [
      report({ fingerprint: A, message: 'first', count: 2 }),
      report({ fingerprint: B, message: 'second' }),
    ]);
    copyFixture(dir, 'gufo-1.0.json', `${GUFO}.json`);
    copyFixture(dir, 'otlp-traces.jsonl', 'traces.jsonl');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('a unique prefix', () => {
    it('should print the extend traceback by default, with source and locals', async () => {
      const run = await runErr(['view', '123456', '-p', dir]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^TypeError: first\n/);
      assert.match(run.stdout, /fingerprint 12345678-1111-5111-8111-111111111111 · 2 occurrences/);
      assert.match(run.stdout, /> 42 \| {3}return save\(order\.items\);/);
      assert.match(run.stdout, /order = \{ id: 7 \}/);
      assert.equal(run.stdout.includes('\u001b['), false);
    });

    it('should print the ErrorInfo 2.0 document with --format json', async () => {
      const run = await runErr(['view', A, '-p', dir, '--format', 'json']);
      assert.equal(run.code, 0);
      const info = fromDocument(JSON.parse(run.stdout));
      assert.equal(info.fingerprint, A);
      assert.equal(info.count, 2);
      assert.equal(info.frames[0]!.locals!.order !== undefined, true);
    });

    const formats: readonly { format: string; expected: RegExp }[] = [
      { format: 'terse', expected: /^TypeError: first {2}\[checkout 1\.2\.3 · ×2 · 12345678-/ },
      {
        format: 'basic',
        expected: /^TypeError: first\n {4}at createOrder \(\/srv\/app\/src\/orders\.ts:42:7\)/,
      },
    ];
    for (const { format, expected } of formats) {
      it(`should print the ${format} traceback with --format ${format}`, async () => {
        const run = await runErr(['view', '12345678', '-p', dir, '-f', format]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, expected);
      });
    }

    it('should colour with --color and not with --no-color, whatever the environment', async () => {
      const colored = await runErr(['view', A, '-p', dir, '--color'], { env: { NO_COLOR: '1' } });
      assert.equal(colored.stdout.includes('\u001b[31m'), true);
      const plain = await runErr(['view', A, '-p', dir, '--no-color'], {
        env: { FORCE_COLOR: '1' },
      });
      assert.equal(plain.stdout.includes('\u001b['), false);
    });
  });

  describe('reports of other writers', () => {
    it('should show a Gufo Err report with its frames innermost first', async () => {
      const run = await runErr(['view', 'ec9f48ea', '-p', dir, '-f', 'terse']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(
        run.stdout,
        [
          'ValueError: from b  [billing-py 3.2.1 · ec9f48ea-5c2b-5e4f-9a7d-2f4b3c1d0e9a]',
          '    at b (/srv/billing/billing/core.py:3)',
          '        raise ValueError("from b", 42, None)',
          '    at <module> (/srv/billing/main.py:15)',
          '',
        ].join('\n'),
      );
    });

    it('should rebuild an OTLP report from our attributes: frames, source, cause, totals and the latest trace', async () => {
      const run = await runErr(['view', '7d1c', '-p', dir, '-f', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const info = fromDocument(JSON.parse(run.stdout));
      assert.equal(info.fingerprint, SHOP);
      assert.equal(info.name, 'shop');
      assert.equal(info.count, 2);
      assert.equal(info.firstSeen.toISOString(), '2024-05-01T10:00:00.500Z');
      assert.equal(info.lastSeen.toISOString(), '2024-05-01T11:00:00.500Z');
      assert.deepEqual(info.trace, {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4700',
        spanId: '00f067aa0ba90200',
      });
      assert.equal(info.frames[0]!.function, 'chargeCard');
      assert.equal(info.frames[0]!.source!.currentLine, 88);
      assert.equal(info.frames[1]!.async, true);
      assert.equal(info.exception.cause!.type, 'GatewayError');
      assert.equal(info.exception.cause!.code, 'E_GATEWAY');
      assert.equal(info.exception.cause!.frames[0]!.file, '/srv/shop/src/payments/gateway.ts');
    });
  });

  describe('a prefix that does not name one report', () => {
    it('should list the candidates of an ambiguous prefix and exit 3', async () => {
      const run = await runErr(['view', '1234', '-p', dir]);
      assert.equal(run.code, 3);
      assert.equal(run.stdout, '');
      const lines = run.stderr.split('\n');
      assert.equal(lines[0], 'err: 1234 is ambiguous: 2 reports match');
      assert.match(
        lines[1]!,
        /^ {2}12345678-1111-5111-8111-111111111111 {2}2024-05-01T10:00:00Z {2}checkout {2}TypeError: first$/,
      );
      assert.match(lines[2]!, /^ {2}12349999-2222-5222-8222-222222222222 /);
    });

    it('should say that no report matches a missing prefix and exit 3', async () => {
      const run = await runErr(['view', 'ffff', '-p', dir]);
      assert.equal(run.code, 3);
      assert.equal(run.stderr, 'err: no report matches ffff\n');
    });

    it('should accept an uppercase fingerprint', async () => {
      const run = await runErr(['view', A.toUpperCase(), '-p', dir, '-f', 'terse']);
      assert.equal(run.code, 0);
    });
  });

  describe('a report file that broke after it was indexed', () => {
    it('should name the file and its problem, exit 1, without a stack trace', async () => {
      const own = tempDir();
      writeWithStore(own, [report({ fingerprint: A })]);
      const file = path.join(own, `${A}.json`);
      const stats = fs.statSync(file);
      fs.writeFileSync(file, '{"$type":"errorinfo"}'.padEnd(stats.size));
      fs.utimesSync(file, stats.atime, stats.mtime);
      const run = await runErr(['view', A, '-p', own]);
      assert.equal(run.code, 1);
      assert.match(
        run.stderr,
        new RegExp(`^err: ${file}: is not a valid ErrorInfo report \\(\\$version: `),
      );
      assert.equal(hasStackTrace(run.stderr), false);
      fs.rmSync(own, { recursive: true, force: true });
    });
  });
});
