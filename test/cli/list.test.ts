import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { copyFixture, report, tempDir, writeRaw, writeWithStore } from './reportFixtures.ts';
import { hasStackTrace, runErr, tsvRows } from './runErr.ts';

const A = '11111111-1111-5111-8111-111111111111';
const B = '22222222-2222-5222-8222-222222222222';
const C = '33333333-3333-5333-8333-333333333333';
const GUFO = 'ec9f48ea-5c2b-5e4f-9a7d-2f4b3c1d0e9a';
const SHOP = '7d1c2f3e-4a5b-5c6d-8e7f-0a1b2c3d4e5f';
const MAILER = '5e0a9c1b-2d3e-5f40-9a1b-2c3d4e5f6a7b';

interface ListedReport {
  fingerprint: string;
  service: string;
  version: string;
  exception: { type: string; message: string };
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  place: { file: string; line: number | null; function: string | null } | null;
  pending: string[];
  source: string;
  file: string;
}

interface ListDocument {
  $type: string;
  $version: number;
  directory: string;
  reports: ListedReport[];
  totals: { reports: number; occurrences: number; shown: number };
  problems: { file: string; problem: string }[];
}

describe('err list', () => {
  describe('reports written by the store', () => {
    let dir: string;
    before(() => {
      dir = tempDir();
      writeWithStore(dir, [
        report({ fingerprint: A, lastSeen: '2024-05-02T00:00:00Z', count: 3 }),
        report({
          fingerprint: B,
          service: 'payments',
          type: 'RangeError',
          lastSeen: '2024-05-03T00:00:00Z',
        }),
        report({ fingerprint: C, service: 'search', lastSeen: '2024-05-01T00:00:00Z', count: 9 }),
      ]);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('should print tab-separated rows newest first with a header when stdout is not a terminal', async () => {
      const run = await runErr(['list', '-p', dir]);
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
      assert.equal(
        run.stdout.split('\n')[0],
        'fingerprint\tlast_seen\tcount\tservice\texception\tplace\tpending',
      );
      assert.deepEqual(tsvRows(run.stdout), [
        [
          '22222222',
          '2024-05-03T00:00:00Z',
          '1',
          'payments',
          'RangeError: boom',
          '/srv/app/src/orders.ts:42',
          '-',
        ],
        [
          '11111111',
          '2024-05-02T00:00:00Z',
          '3',
          'checkout',
          'TypeError: boom',
          '/srv/app/src/orders.ts:42',
          '-',
        ],
        [
          '33333333',
          '2024-05-01T00:00:00Z',
          '9',
          'search',
          'TypeError: boom',
          '/srv/app/src/orders.ts:42',
          '-',
        ],
      ]);
    });

    it('should print one stable JSON document with --json', async () => {
      const run = await runErr(['list', '-p', dir, '--json']);
      assert.equal(run.code, 0);
      const doc = JSON.parse(run.stdout) as ListDocument;
      assert.equal(doc.$type, 'err-list');
      assert.equal(doc.$version, 1);
      assert.equal(doc.directory, dir);
      assert.deepEqual(doc.totals, { reports: 3, occurrences: 13, shown: 3 });
      assert.deepEqual(doc.problems, []);
      assert.deepEqual(doc.reports[1], {
        fingerprint: A,
        service: 'checkout',
        version: '1.2.3',
        exception: { type: 'TypeError', message: 'boom' },
        count: 3,
        firstSeen: '2024-05-02T00:00:00.000Z',
        lastSeen: '2024-05-02T00:00:00.000Z',
        place: { file: '/srv/app/src/orders.ts', line: 42, function: 'createOrder' },
        pending: [],
        source: 'errorinfo',
        file: `${A}.json`,
      });
    });

    const cases: readonly { name: string; args: string[]; expected: string[] }[] = [
      { name: 'filter by service', args: ['--service', 'search'], expected: ['33333333'] },
      {
        name: 'filter by several services',
        args: ['--service', 'search', '--service', 'payments'],
        expected: ['22222222', '33333333'],
      },
      { name: 'filter by exception type', args: ['--type', 'RangeError'], expected: ['22222222'] },
      {
        name: 'keep reports seen since a date',
        args: ['--since', '2024-05-02'],
        expected: ['22222222', '11111111'],
      },
      {
        name: 'sort by count',
        args: ['--sort', 'count'],
        expected: ['33333333', '11111111', '22222222'],
      },
      {
        name: 'sort by service',
        args: ['--sort', 'service'],
        expected: ['11111111', '22222222', '33333333'],
      },
      {
        name: 'sort by first seen',
        args: ['--sort', 'first'],
        expected: ['22222222', '11111111', '33333333'],
      },
      { name: 'limit the rows', args: ['--limit', '1'], expected: ['22222222'] },
      { name: 'show full fingerprints', args: ['--wide', '--limit', '1'], expected: [B] },
    ];
    for (const { name, args, expected } of cases) {
      it(`should ${name}`, async () => {
        const run = await runErr(['list', '-p', dir, ...args]);
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(
          tsvRows(run.stdout).map(fields => fields[0]),
          expected,
        );
      });
    }

    it('should refuse an invalid --since with exit 2 and one line', async () => {
      const run = await runErr(['list', '-p', dir, '--since', 'yesterday']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^err: invalid --since 'yesterday': expected a duration/);
      assert.equal(run.stdout, '');
    });
  });

  describe('a mixed fleet', () => {
    let dir: string;
    before(() => {
      dir = tempDir();
      writeWithStore(dir, [report({ fingerprint: A, lastSeen: '2024-05-02T00:00:00Z', count: 3 })]);
      writeRaw(
        dir,
        report({ fingerprint: B, service: 'payments', lastSeen: '2024-05-03T00:00:00Z' }),
        true,
      );
      copyFixture(dir, 'gufo-1.0.json', `${GUFO}.json`);
      copyFixture(dir, 'otlp-traces.jsonl', 'traces.jsonl');
      copyFixture(dir, 'otlp-logs.json', 'logs-2024-05-01T00-00-00.000.json');
      const traces = fs.readFileSync(path.join(dir, 'traces.jsonl'));
      fs.writeFileSync(path.join(dir, 'traces-2024-04-30T00-00-00.000.json.gz'), gzipSync(traces));
      fs.writeFileSync(
        path.join(dir, 'traces-2024-04-29T00-00-00.000.json.zst'),
        zstdStream(traces),
      );
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an input');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('should list our files (plain and gzip), Gufo Err 1.0 reports and OTLP events as one list', async () => {
      const run = await runErr(['list', '-p', dir, '--json']);
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as ListDocument;
      const bySource = Object.fromEntries(doc.reports.map(r => [r.fingerprint, r.source]));
      assert.deepEqual(bySource, {
        [A]: 'errorinfo',
        [B]: 'errorinfo',
        [GUFO]: 'gufo',
        [SHOP]: 'otlp',
        [MAILER]: 'otlp',
        [doc.reports.find(r => r.service === 'api')!.fingerprint]: 'otlp',
      });
    });

    it('should add up the events of one fingerprint across rotated, gzip and zstd OTLP files', async () => {
      const doc = JSON.parse((await runErr(['list', '-p', dir, '--json'])).stdout) as ListDocument;
      const shop = doc.reports.find(r => r.fingerprint === SHOP)!;
      assert.equal(shop.count, 6);
      assert.equal(shop.firstSeen, '2024-05-01T10:00:00.500Z');
      assert.equal(shop.lastSeen, '2024-05-01T11:00:00.500Z');
      assert.deepEqual(shop.place, {
        file: '/srv/shop/src/payments/charge.ts',
        line: 88,
        function: 'chargeCard',
      });
      assert.equal(doc.reports.find(r => r.service === 'api')!.count, 3);
    });

    it('should read a Gufo Err report with NaN locals, its zone and its innermost app frame', async () => {
      const doc = JSON.parse((await runErr(['list', '-p', dir, '--json'])).stdout) as ListDocument;
      const gufo = doc.reports.find(r => r.fingerprint === GUFO)!;
      assert.deepEqual(
        { ...gufo, file: undefined },
        {
          fingerprint: GUFO,
          service: 'billing-py',
          version: '3.2.1',
          exception: { type: 'ValueError', message: 'from b' },
          count: 1,
          firstSeen: '2024-04-30T06:21:29.215Z',
          lastSeen: '2024-04-30T06:21:29.215Z',
          place: { file: '/srv/billing/billing/core.py', line: 3, function: 'b' },
          pending: [],
          source: 'gufo',
          file: undefined,
        },
      );
    });
  });

  describe('the summary index', () => {
    it('should list the same rows from a fresh index as from one rebuilt from the files', async () => {
      const dir = tempDir();
      writeWithStore(dir, [
        report({ fingerprint: A, lastSeen: '2024-05-02T00:00:00Z' }),
        report({ fingerprint: B, lastSeen: '2024-05-01T00:00:00Z' }),
      ]);
      const fresh = await runErr(['list', '-p', dir, '--json', '--debug']);
      assert.doesNotMatch(fresh.stderr, /rebuilding/);
      const rebuilt = await runErr(['list', '-p', dir, '--json', '--reindex', '--debug']);
      assert.match(rebuilt.stderr, /rebuilding the index: asked to rebuild/);
      assert.equal(rebuilt.stdout, fresh.stdout);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should notice a report that a foreign writer added without updating the index', async () => {
      const dir = tempDir();
      writeWithStore(dir, [report({ fingerprint: A })]);
      writeRaw(dir, report({ fingerprint: B, service: 'foreign' }));
      const run = await runErr(['list', '-p', dir, '--debug']);
      // Which check sees it first depends on timestamp granularity: the directory's mtime, or the names.
      assert.match(run.stderr, /the directory changed after the index|is not in it/);
      assert.deepEqual(
        tsvRows(run.stdout)
          .map(row => row[3])
          .sort(),
        ['checkout', 'foreign'],
      );
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should rebuild an index with corrupt lines instead of trusting it', async () => {
      const dir = tempDir();
      writeWithStore(dir, [report({ fingerprint: A })]);
      fs.appendFileSync(
        path.join(dir, '.otel-err/index.jsonl'),
        '[1,2,"garbage\n{"not":"a line"}\n',
      );
      const run = await runErr(['list', '-p', dir, '--debug']);
      assert.equal(run.code, 0);
      assert.match(run.stderr, /2 corrupt lines/);
      assert.deepEqual(
        tsvRows(run.stdout).map(row => row[0]),
        ['11111111'],
      );
      const again = await runErr(['list', '-p', dir, '--debug']);
      assert.doesNotMatch(again.stderr, /rebuilding/);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should read an OTLP file again after the Collector appended to it', async () => {
      const dir = tempDir();
      const lines = fs
        .readFileSync(path.join(import.meta.dirname, '../fixtures/cli/otlp-traces.jsonl'), 'utf8')
        .split('\n');
      fs.writeFileSync(path.join(dir, 'traces.jsonl'), `${lines[0]}\n`);
      const before = JSON.parse(
        (await runErr(['list', '-p', dir, '--json'])).stdout,
      ) as ListDocument;
      assert.equal(before.reports.find(r => r.fingerprint === SHOP)!.count, 1);
      fs.appendFileSync(path.join(dir, 'traces.jsonl'), `${lines[1]}\n`);
      const run = await runErr(['list', '-p', dir, '--json', '--debug']);
      assert.match(run.stderr, /reading again 1 changed OTLP files/);
      assert.equal(
        (JSON.parse(run.stdout) as ListDocument).reports.find(r => r.fingerprint === SHOP)!.count,
        2,
      );
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should list a directory it cannot write from an index kept in memory', async () => {
      const dir = tempDir();
      writeRaw(dir, report({ fingerprint: A }));
      fs.chmodSync(dir, 0o555);
      const asNobody = process.getuid?.() === 0 ? { uid: 65534 } : {};
      const run = await runErr(['list', '-p', dir], asNobody);
      fs.chmodSync(dir, 0o755);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(
        tsvRows(run.stdout).map(row => row[0]),
        ['11111111'],
      );
      assert.equal(fs.existsSync(path.join(dir, '.otel-err/index.jsonl')), false);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  describe('the report directory', () => {
    it('should say in one line that a missing directory does not exist, naming the path as given', async () => {
      const run = await runErr(['list', '-p', 'no/such/dir']);
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        'err: report directory no/such/dir does not exist (set it with -p DIR or $ERR_PATH)\n',
      );
      assert.equal(hasStackTrace(run.stderr), false);
    });

    it('should take the directory from $ERR_PATH when -p is not given', async () => {
      const dir = tempDir();
      writeWithStore(dir, [report({ fingerprint: A })]);
      const run = await runErr(['list'], { env: { ERR_PATH: dir } });
      assert.equal(run.code, 0);
      assert.equal(tsvRows(run.stdout).length, 1);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should default to $XDG_STATE_HOME/otel-err', async () => {
      const state = tempDir();
      writeWithStore(path.join(state, 'otel-err'), [report({ fingerprint: A })]);
      const run = await runErr(['list'], { env: { XDG_STATE_HOME: state } });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(tsvRows(run.stdout).length, 1);
      fs.rmSync(state, { recursive: true, force: true });
    });

    it('should refuse a file given as the directory', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'file');
      fs.writeFileSync(file, '');
      const run = await runErr(['list', '-p', file]);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `err: ${file} is not a directory\n`);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});

/** A zstd stream of two frames, as the Collector's native compression writes it. */
function zstdStream(data: Buffer): Buffer {
  const middle = data.indexOf(10) + 1;
  return Buffer.concat([
    zstdCompressSync(data.subarray(0, middle)),
    zstdCompressSync(data.subarray(middle)),
  ]);
}
