import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fromJSON, fromJSONGzip } from '../../src/errorinfo/codec.ts';
import { deliveryOf } from '../../src/store/delivery.ts';
import { ErrorInfoStore } from '../../src/store/ErrorInfoStore.ts';
import { attributesOf, stringOf } from '../helpers/otlp/attributesOf.ts';
import { OtlpReceiver } from '../helpers/otlp/OtlpReceiver.ts';
import { SentryServer } from '../helpers/sentry/SentryServer.ts';
import { report, tempDir } from './reportFixtures.ts';
import { hasStackTrace, runErr } from './runErr.ts';

const FP_A = 'aaaaaaaa-1111-5111-8111-111111111111';
const FP_B = 'bbbbbbbb-2222-5222-8222-222222222222';
const FP_C = 'cccccccc-3333-5333-8333-333333333333';
const FP_D = 'dddddddd-5555-5555-8555-555555555555';

/** No destination configuration leaks in from the test's own environment. */
const NO_DESTINATION_ENV = {
  SENTRY_DSN: undefined,
  OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
};

/** A directory with reports A (oldest) and B pending for `destinations`, and C never marked. */
function outboxDir(destinations: string[], gzip = false): string {
  const dir = tempDir('err-resend-');
  const store = new ErrorInfoStore({
    path: dir,
    fsync: false,
    destinations,
    compress: gzip ? 'gzip' : null,
  });
  store.writeSync(
    report({ fingerprint: FP_A, type: 'RangeError', lastSeen: '2024-05-01T10:00:00.000Z' }),
  );
  store.writeSync(report({ fingerprint: FP_B, lastSeen: '2024-05-02T10:00:00.000Z', count: 3 }));
  new ErrorInfoStore({ path: dir, fsync: false, compress: gzip ? 'gzip' : null }).writeSync(
    report({ fingerprint: FP_C, lastSeen: '2024-05-03T10:00:00.000Z' }),
  );
  store.close();
  return dir;
}

function delivery(dir: string, fingerprint: string): Record<string, string | null> {
  const plain = path.join(dir, `${fingerprint}.json`);
  const info = fs.existsSync(plain)
    ? fromJSON(fs.readFileSync(plain, 'utf8'))
    : fromJSONGzip(fs.readFileSync(`${plain}.gz`));
  return deliveryOf(info);
}

function resend(dir: string, args: string[], env: Record<string, string | undefined> = {}) {
  return runErr(['resend', '-p', dir, ...args], { env: { ...NO_DESTINATION_ENV, ...env } });
}

describe('err resend', () => {
  let sentry: SentryServer;
  let receiver: OtlpReceiver;
  before(async () => {
    sentry = await SentryServer.start();
    receiver = await OtlpReceiver.start();
  });
  after(async () => {
    await sentry.close();
    await receiver.close();
  });

  describe('to Sentry, when it accepts', () => {
    it('should send the pending reports oldest first, mark them, and send nothing on a second run', async () => {
      const dir = outboxDir(['sentry']);
      sentry.respond({});
      const before = sentry.events().length;
      const first = await resend(dir, ['--to', 'sentry', '--dsn', sentry.dsn]);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stderr, '');
      const lines = first.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, new RegExp(`^sent +${FP_A}  checkout  RangeError: boom$`));
      assert.match(lines[1]!, new RegExp(`^sent +${FP_B} `));
      assert.equal(lines[2], 'sent 2 of 2 reports to sentry');
      const events = sentry.events().slice(before);
      assert.equal(events.length, 2);
      for (const fingerprint of [FP_A, FP_B]) {
        assert.match(String(delivery(dir, fingerprint).sentry), /^\d{4}-\d\d-\d\dT/);
      }
      assert.deepEqual(delivery(dir, FP_C), {});
      const second = await resend(dir, ['--to', 'sentry'], { SENTRY_DSN: sentry.dsn });
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, 'nothing to send to sentry\n');
      assert.equal(sentry.events().length, before + 2);
    });

    it('should also send never-marked reports with --all, and keep a gzipped report gzipped', async () => {
      const dir = outboxDir(['sentry'], true);
      sentry.respond({});
      const run = await resend(dir, [
        '--to',
        'sentry',
        '--dsn',
        sentry.dsn,
        '--all',
        '--limit',
        '3',
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /sent 3 of 3 reports to sentry\n$/);
      assert.match(String(delivery(dir, FP_C).sentry), /^\d{4}-/);
      assert.deepEqual(
        fs
          .readdirSync(dir)
          .filter(name => !name.startsWith('.'))
          .sort(),
        [FP_A, FP_B, FP_C].map(fp => `${fp}.json.gz`),
      );
    });
  });

  describe('to Sentry, when it answers 429', () => {
    it('should leave the reports pending and exit 1', async () => {
      const dir = outboxDir(['sentry']);
      sentry.respond({ status: 429, headers: { 'retry-after': '60' } });
      try {
        const run = await resend(dir, ['--to', 'sentry', '--dsn', sentry.dsn, '--limit', '1']);
        assert.equal(run.code, 1);
        assert.match(run.stdout, new RegExp(`^failed +${FP_A} `));
        assert.match(run.stdout, /sent 0 of 1 report to sentry \(1 failed\)\n$/);
        assert.match(run.stderr, /^err: 1 of 1 reports were not accepted by sentry/);
        assert.equal(delivery(dir, FP_A).sentry, null);
      } finally {
        sentry.respond({});
      }
    });
  });

  describe('to Sentry, when it refuses three in a row', () => {
    it('should not try the rest (skipped, still pending) and exit 1', async () => {
      const dir = outboxDir(['sentry']);
      new ErrorInfoStore({ path: dir, fsync: false }).writeSync(
        report({ fingerprint: FP_D, lastSeen: '2024-05-04T10:00:00.000Z' }),
      );
      sentry.respond({ status: 500 });
      try {
        const run = await resend(dir, ['--to', 'sentry', '--dsn', sentry.dsn, '--all', '--json']);
        assert.equal(run.code, 1);
        const doc = JSON.parse(run.stdout) as {
          reports: { fingerprint: string; status: string }[];
        };
        assert.deepEqual(
          doc.reports.map(r => [r.fingerprint, r.status]),
          [
            [FP_A, 'failed'],
            [FP_B, 'failed'],
            [FP_C, 'failed'],
            [FP_D, 'skipped'],
          ],
        );
        assert.match(run.stderr, /^err: 4 of 4 reports were not accepted by sentry/);
        assert.equal(delivery(dir, FP_A).sentry, null);
        assert.deepEqual(delivery(dir, FP_D), {});
      } finally {
        sentry.respond({});
      }
    });
  });

  describe('to OTLP', () => {
    it('should send a span whose exception event carries the live attributes, and mark the report', async () => {
      const dir = outboxDir(['otlp']);
      const run = await resend(dir, ['--to', 'otlp', '--limit', '1'], {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.tracesUrl.replace(/\/v1\/traces$/, ''),
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /sent 1 of 1 report to otlp\n$/);
      await receiver.waitFor(r => r.spans().length > 0);
      const span = receiver.spans().at(-1)!;
      const spanAttributes = attributesOf(span.attributes);
      assert.equal(
        spanAttributes['otel_err.original_trace_id'],
        '4bf92f3577b34da6a3ce929d0e0e4736',
      );
      assert.equal(spanAttributes['otel_err.original_span_id'], '00f067aa0ba902b7');
      const event = span.events.find(e => e.name === 'exception');
      assert.ok(event, 'an exception event');
      const attributes = attributesOf(event.attributes);
      assert.equal(attributes['exception.type'], 'RangeError');
      assert.equal(attributes['exception.message'], 'boom');
      assert.equal(attributes['otel_err.fingerprint'], FP_A);
      assert.match(stringOf(attributes['otel_err.frames']), /createOrder/);
      assert.equal(
        BigInt(String(event.timeUnixNano)),
        BigInt(Date.parse('2024-05-01T10:00:00.000Z')) * 1_000_000n,
      );
      assert.match(String(delivery(dir, FP_A).otlp), /^\d{4}-/);
      assert.equal(delivery(dir, FP_B).otlp, null);
    });
  });

  describe('with --dry-run', () => {
    it('should list what would be sent and change nothing, without needing a DSN', async () => {
      const dir = outboxDir(['sentry']);
      const files = [FP_A, FP_B, FP_C].map(fp => `${fp}.json`);
      const before = files.map(name => fs.readFileSync(path.join(dir, name), 'utf8'));
      const events = sentry.events().length;
      const run = await resend(dir, ['--to', 'sentry', '--dry-run', '--json']);
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as {
        $type: string;
        dryRun: boolean;
        reports: { fingerprint: string; status: string }[];
        totals: Record<string, number>;
      };
      assert.equal(doc.$type, 'err-resend');
      assert.equal(doc.dryRun, true);
      assert.deepEqual(
        doc.reports.map(r => [r.fingerprint, r.status]),
        [
          [FP_A, 'pending'],
          [FP_B, 'pending'],
        ],
      );
      assert.equal(doc.totals.selected, 2);
      assert.deepEqual(
        files.map(name => fs.readFileSync(path.join(dir, name), 'utf8')),
        before,
      );
      assert.equal(sentry.events().length, events);
    });
  });

  describe('with a missing destination configuration', () => {
    const cases: [string, string[], RegExp][] = [
      [
        'no DSN',
        ['--to', 'sentry'],
        /^err: --to sentry needs a DSN: give --dsn DSN or set SENTRY_DSN\n$/,
      ],
      [
        'an invalid DSN',
        ['--to', 'sentry', '--dsn', 'nonsense'],
        /^err: invalid Sentry DSN \(.+\)\n$/,
      ],
      ['no endpoint', ['--to', 'otlp'], /^err: --to otlp needs an endpoint: .+\n$/],
      ['no destination', [], /^err: Missing required argument: to\n/],
    ];
    for (const [name, args, stderr] of cases) {
      it(`should exit 2 with one clear line: ${name}`, async () => {
        const dir = outboxDir(['sentry']);
        const run = await resend(dir, args);
        assert.equal(run.code, 2);
        assert.match(run.stderr, stderr);
        assert.equal(hasStackTrace(run.stderr), false);
        assert.equal(delivery(dir, FP_A).sentry, null);
      });
    }
  });

  describe('help', () => {
    it('should list the verb in `err` and print `err resend --help` with examples and exit codes', async () => {
      const [top, verb] = await Promise.all([runErr([]), runErr(['resend', '--help'])]);
      assert.match(top.stdout, /err resend {2,}Send the reports a destination/);
      assert.equal(verb.code, 0);
      assert.match(verb.stdout, /--to .*\[choices: "sentry", "otlp"\]/);
      assert.match(verb.stdout, /Examples:\n {2}err resend --to sentry/);
      assert.match(verb.stdout, /Exit codes:/);
    });

    it('should refuse an unknown destination with exit 2', async () => {
      const run = await resend(tempDir('err-resend-'), ['--to', 'ftp']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^err: Invalid values:\n {2}Argument: to, Given: "ftp"/);
    });
  });

  describe('with an unreadable report file', () => {
    it('should name it on stderr, send the others and exit 1', async () => {
      const dir = outboxDir(['sentry']);
      fs.writeFileSync(path.join(dir, 'dddddddd-4444-5444-8444-444444444444.json'), '{"$type":');
      sentry.respond({});
      const run = await resend(dir, ['--to', 'sentry', '--dsn', sentry.dsn]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^err: .*dddddddd-4444-5444-8444-444444444444\.json: /);
      assert.match(run.stdout, /sent 2 of 2 reports to sentry\n$/);
    });
  });
});
