import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  SENTRY_EXPORTER_DEFAULTS,
  SentryExporter,
} from '../../../exporters/sentry/SentryExporter.ts';
import type { HttpTransportOptions } from '../../../exporters/sentry/httpTransport.ts';
import { TestDiagLogger } from '../../err/TestDiagLogger.ts';

const VALID = 'https://abc123@o1.ingest.sentry.io/4507';

/** A transport factory that records the options it was given and sends nothing. */
function recordingTransport() {
  const given: HttpTransportOptions[] = [];
  const transport = (options: HttpTransportOptions) => {
    given.push(options);
    return { send: () => Promise.resolve({ statusCode: 200 }), flush: () => Promise.resolve(true) };
  };
  return { given, transport };
}

describe('SentryExporter', () => {
  const savedDsn = process.env.SENTRY_DSN;
  afterEach(() => {
    if (savedDsn === undefined) delete process.env.SENTRY_DSN;
    else process.env.SENTRY_DSN = savedDsn;
  });

  describe('a bad dsn option', () => {
    const table: [string, unknown][] = [
      ['missing (and no SENTRY_DSN)', undefined],
      ['empty', ''],
      ['not a URL', 'not a dsn'],
      ['without a public key', 'https://o1.ingest.sentry.io/4507'],
      ['with another protocol', 'ftp://abc123@o1.ingest.sentry.io/4507'],
      ['with a non-numeric project', 'https://abc123@o1.ingest.sentry.io/shop'],
      ['not a string', 4507],
    ];
    for (const [name, dsn] of table) {
      it(`should throw a TypeError naming the option when it is ${name}`, () => {
        delete process.env.SENTRY_DSN;
        assert.throws(
          () => new SentryExporter({ dsn: dsn as string }),
          (error: unknown) =>
            error instanceof TypeError &&
            error.message.startsWith('SentryExporter: invalid option `dsn: ') &&
            error.message.includes('SENTRY_DSN'),
        );
      });
    }

    it('should not echo the secret key of a legacy DSN', () => {
      assert.throws(
        () => new SentryExporter({ dsn: 'https://abc123:topsecret@host/not-a-number' }),
        (error: unknown) =>
          error instanceof TypeError &&
          !error.message.includes('topsecret') &&
          error.message.includes('abc123:***@host'),
      );
    });
  });

  describe('a valid DSN', () => {
    it('should build the envelope URL with the key in the query', () => {
      const { given, transport } = recordingTransport();
      new SentryExporter({ dsn: VALID, transport });
      assert.match(
        given[0]?.url ?? '',
        /^https:\/\/o1\.ingest\.sentry\.io\/api\/4507\/envelope\/\?sentry_version=7&sentry_key=abc123&sentry_client=otel_err\.javascript\.node%2F/,
      );
    });

    it('should take SENTRY_DSN when the option is absent, the option first otherwise', () => {
      process.env.SENTRY_DSN = 'http://envkey@127.0.0.1:9/1';
      const { given, transport } = recordingTransport();
      new SentryExporter({ transport });
      new SentryExporter({ dsn: VALID, transport });
      assert.match(given[0]?.url ?? '', /sentry_key=envkey/);
      assert.match(given[1]?.url ?? '', /sentry_key=abc123/);
    });
  });

  describe('numeric options', () => {
    it('should pass the defaults to the transport', () => {
      const { given, transport } = recordingTransport();
      new SentryExporter({ dsn: VALID, transport });
      assert.equal(given[0]?.timeoutMs, SENTRY_EXPORTER_DEFAULTS.timeoutMs);
      assert.equal(given[0]?.bufferSize, SENTRY_EXPORTER_DEFAULTS.bufferSize);
    });

    it('should warn about nonsense and use the default instead', () => {
      const logger = new TestDiagLogger();
      const undo = logger.install();
      try {
        const { given, transport } = recordingTransport();
        new SentryExporter({ dsn: VALID, transport, timeoutMs: -5, bufferSize: Number.NaN });
        assert.equal(given[0]?.timeoutMs, SENTRY_EXPORTER_DEFAULTS.timeoutMs);
        assert.equal(given[0]?.bufferSize, SENTRY_EXPORTER_DEFAULTS.bufferSize);
        assert.equal(logger.at('warn').length, 2);
        assert.match(logger.at('warn')[0] ?? '', /option `timeoutMs: -5`/);
      } finally {
        undo();
      }
    });
  });

  describe('without @sentry/core installed', () => {
    it('should import, and throw an error naming the fix only when constructed', () => {
      const hook = new URL('../../fixtures/sentry/withoutSentryCore.mjs', import.meta.url);
      const entry = new URL('../../../exporters/sentry/index.ts', import.meta.url);
      const script = [
        `const { SentryExporter } = await import(${JSON.stringify(entry.href)});`,
        "console.log('imported');",
        "try { new SentryExporter({ dsn: 'http://k@127.0.0.1:1/1' }); } catch (e) { console.log(e.message); }",
      ].join('\n');
      const run = spawnSync(
        process.execPath,
        ['--import', hook.href, '--input-type=module', '--eval', script],
        { encoding: 'utf8', timeout: 10_000 },
      );
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(run.stdout.trim().split('\n'), [
        'imported',
        'SentryExporter needs the optional peer dependency @sentry/core (^11.12.0): npm install @sentry/core',
      ]);
    });
  });
});
