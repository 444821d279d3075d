import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { ErrorInfo } from '../../src/errorinfo/ErrorInfo.ts';
import { fromJSON } from '../../src/errorinfo/codec.ts';
import { ErrorInfoStore } from '../../src/store/ErrorInfoStore.ts';
import { report } from '../cli/reportFixtures.ts';
import { TestDiagCapture } from './TestDiagCapture.ts';

const FP = '0b5c5d8e-1d2f-5a3b-8c4d-1e2f3a4b5c6d';
const at = (iso: string): Date => new Date(iso);

function occurrence(iso: string, overrides: Partial<ErrorInfo> = {}): ErrorInfo {
  const info = report({ fingerprint: FP, lastSeen: iso });
  return { ...info, ...overrides };
}

function read(dir: string, name = `${FP}.json`): ErrorInfo {
  const bytes = fs.readFileSync(path.join(dir, name));
  return fromJSON(name.endsWith('.gz') ? gunzipSync(bytes).toString() : bytes.toString());
}

function indexLines(dir: string): unknown[][] {
  return fs
    .readFileSync(path.join(dir, '.otel-err/index.jsonl'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map(line => JSON.parse(line) as unknown[]);
}

describe('ErrorInfoStore', () => {
  let root: string;
  let dir: string;
  let diag: TestDiagCapture;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'err-store-'));
    dir = path.join(root, 'reports', 'nested');
    diag = new TestDiagCapture().install();
  });
  afterEach(() => {
    diag.uninstall();
    fs.chmodSync(root, 0o700);
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe('.writeSync', () => {
    it('should create the directory 0700 and the report 0600, named after the fingerprint', () => {
      const store = new ErrorInfoStore({ path: dir });
      assert.equal(store.writeSync(occurrence('2024-05-01T10:00:00Z')), true);
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      assert.equal(fs.statSync(path.join(dir, `${FP}.json`)).mode & 0o777, 0o600);
      assert.equal(read(dir).fingerprint, FP);
      assert.deepEqual(fs.readdirSync(path.join(dir, '.otel-err/tmp')), []);
      assert.deepEqual(fs.readdirSync(path.join(dir, '.otel-err/locks')), []);
    });

    it('should keep the first report and accumulate count, first/last seen and the latest trace', () => {
      const store = new ErrorInfoStore({ path: dir });
      store.writeSync(occurrence('2024-05-01T10:00:00Z'));
      const later = occurrence('2024-05-02T10:00:00Z', {
        exception: { ...occurrence('2024-05-02T10:00:00Z').exception, message: 'second' },
        count: 4,
        trace: { traceId: 'aa'.repeat(16), spanId: 'bb'.repeat(8) },
      });
      store.writeSync(later);
      store.writeSync(occurrence('2024-04-30T10:00:00Z', { trace: null }));
      const stored = read(dir);
      assert.equal(stored.count, 6);
      assert.equal(stored.firstSeen.toISOString(), '2024-04-30T10:00:00.000Z');
      assert.equal(stored.lastSeen.toISOString(), '2024-05-02T10:00:00.000Z');
      assert.equal(stored.timestamp.toISOString(), '2024-05-02T10:00:00.000Z');
      assert.deepEqual(stored.trace, { traceId: 'aa'.repeat(16), spanId: 'bb'.repeat(8) });
      assert.equal(stored.exception.message, 'boom');
    });

    it('should write gzip and remove the uncompressed twin when compression is turned on', () => {
      new ErrorInfoStore({ path: dir }).writeSync(occurrence('2024-05-01T10:00:00Z'));
      new ErrorInfoStore({ path: dir, compress: 'gzip' }).writeSync(
        occurrence('2024-05-01T11:00:00Z'),
      );
      assert.deepEqual(fs.readdirSync(dir).sort(), ['.otel-err', `${FP}.json.gz`]);
      assert.equal(read(dir, `${FP}.json.gz`).count, 2);
    });

    it('should append a summary line per write to the index it started', () => {
      const store = new ErrorInfoStore({ path: dir, destinations: ['sentry'] });
      store.writeSync(occurrence('2024-05-01T10:00:00Z'));
      store.writeSync(occurrence('2024-05-01T11:00:00Z'));
      const lines = indexLines(dir);
      assert.equal(lines.length, 2);
      assert.deepEqual(lines[1]!.slice(0, 4), [
        1,
        Date.parse('2024-05-01T11:00:00Z'),
        2,
        Date.parse('2024-05-01T10:00:00Z'),
      ]);
      assert.deepEqual(lines[1]!.slice(7), [
        `${FP}.json`,
        FP,
        'checkout',
        '1.2.3',
        'TypeError',
        'boom',
        '/srv/app/src/orders.ts',
        42,
        'createOrder',
        'sentry',
      ]);
    });

    it('should refuse a report without a valid fingerprint through diag', () => {
      const store = new ErrorInfoStore({ path: dir });
      assert.equal(
        store.writeSync({ ...occurrence('2024-05-01T10:00:00Z'), fingerprint: '../../x' }),
        false,
      );
      assert.equal(fs.existsSync(dir), false);
      assert.match(
        diag.of('warn')[0]!,
        /^ErrorInfoStore: a report without a valid fingerprint is not stored/,
      );
    });

    it('should replace a corrupt report file and say so', () => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${FP}.json`), '{"broken":');
      new ErrorInfoStore({ path: dir }).writeSync(occurrence('2024-05-01T10:00:00Z'));
      assert.equal(read(dir).count, 1);
      assert.match(diag.of('warn')[0]!, /is not valid|Invalid ErrorInfo/);
    });
  });

  describe('.record', () => {
    it('should write the first occurrence at once and the following ones once per window', () => {
      mock.timers.enable({ apis: ['setTimeout'] });
      try {
        const store = new ErrorInfoStore({ path: dir, flushIntervalMs: 1000 });
        store.record(occurrence('2024-05-01T10:00:00Z'));
        assert.equal(read(dir).count, 1);
        for (let i = 1; i <= 500; i++)
          store.record(occurrence(`2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z`));
        assert.equal(read(dir).count, 1);
        assert.equal(indexLines(dir).length, 1);
        mock.timers.tick(1000);
        assert.equal(read(dir).count, 501);
        assert.equal(indexLines(dir).length, 2);
      } finally {
        mock.timers.reset();
      }
    });

    it('should flush everything buffered on close', () => {
      const store = new ErrorInfoStore({ path: dir, flushIntervalMs: 60_000 });
      store.record(occurrence('2024-05-01T10:00:00Z'));
      store.record(occurrence('2024-05-01T10:00:01Z'));
      store.close();
      assert.equal(read(dir).count, 2);
    });

    it('should flush at once when more fingerprints than maxPending are buffered', () => {
      const store = new ErrorInfoStore({ path: dir, flushIntervalMs: 60_000, maxPending: 2 });
      const fps = ['1', '2'].map(d => `${d.repeat(8)}-0000-5000-8000-000000000000`);
      for (const fingerprint of fps)
        store.record({ ...occurrence('2024-05-01T10:00:00Z'), fingerprint });
      for (const fingerprint of fps)
        store.record({ ...occurrence('2024-05-01T10:00:01Z'), fingerprint });
      assert.deepEqual(
        fps.map(fp => read(dir, `${fp}.json`).count),
        [2, 2],
      );
      store.close();
    });

    it('should fold buffered occurrences into a crash write', () => {
      const store = new ErrorInfoStore({ path: dir, flushIntervalMs: 60_000 });
      store.record(occurrence('2024-05-01T10:00:00Z'));
      store.record(occurrence('2024-05-01T10:00:01Z'));
      store.writeSync(occurrence('2024-05-01T10:00:02Z'));
      assert.equal(read(dir).count, 3);
      store.close();
      assert.equal(read(dir).count, 3);
    });

    it('should write a full report again after its file was removed, with the counts it could not merge', () => {
      const store = new ErrorInfoStore({ path: dir, flushIntervalMs: 60_000 });
      assert.equal(store.record(occurrence('2024-05-01T10:00:00Z')), true);
      store.record(occurrence('2024-05-01T10:00:01Z'));
      fs.rmSync(dir, { recursive: true });
      store.flush();
      assert.equal(fs.existsSync(path.join(dir, `${FP}.json`)), false);
      store.record(occurrence('2024-05-01T10:00:02Z'));
      const stored = read(dir);
      assert.equal(stored.count, 2);
      assert.equal(stored.firstSeen.toISOString(), '2024-05-01T10:00:01.000Z');
    });

    it('should return false when the first write fails', () => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, '.otel-err'), 'blocks the metadata directory');
      assert.equal(
        new ErrorInfoStore({ path: dir }).record(occurrence('2024-05-01T10:00:00Z')),
        false,
      );
    });
  });

  describe('.markDelivered', () => {
    it('should record the destinations that accepted the report, the others staying pending', () => {
      const store = new ErrorInfoStore({ path: dir, destinations: ['sentry', 'otlp'] });
      store.writeSync(occurrence('2024-05-01T10:00:00Z'));
      assert.deepEqual(read(dir).extra.delivered, { sentry: null, otlp: null });
      assert.equal(store.markDelivered(FP, 'otlp', at('2024-05-01T10:00:05Z')), true);
      assert.deepEqual(read(dir).extra.delivered, {
        sentry: null,
        otlp: '2024-05-01T10:00:05.000Z',
      });
      assert.equal(indexLines(dir).at(-1)!.at(-1), 'sentry');
      assert.equal(store.markDelivered('ffffffff-0000-5000-8000-000000000000', 'otlp'), false);
    });
  });

  describe('limits', () => {
    it('should shrink a report over maxFileBytes, dropping locals first, and say what it dropped', () => {
      const big = occurrence('2024-05-01T10:00:00Z');
      big.frames[0]!.locals = { blob: 'x'.repeat(20_000) };
      new ErrorInfoStore({ path: dir, maxFileBytes: 8192 }).writeSync(big);
      const stored = read(dir);
      assert.ok(fs.statSync(path.join(dir, `${FP}.json`)).size <= 8192);
      assert.equal(stored.frames[0]!.locals, null);
      assert.notEqual(stored.frames[0]!.source, null);
      assert.deepEqual(stored.extra.storeTruncated, ['locals']);
    });

    it('should evict the least recently written reports beyond maxFiles', () => {
      const store = new ErrorInfoStore({ path: dir, maxFiles: 2 });
      const fps = ['1', '2', '3'].map(d => `${d.repeat(8)}-0000-5000-8000-000000000000`);
      for (const [i, fingerprint] of fps.entries()) {
        store.writeSync({ ...occurrence('2024-05-01T10:00:00Z'), fingerprint });
        const file = path.join(dir, `${fingerprint}.json`);
        fs.utimesSync(file, 1000 + i, 1000 + i);
      }
      store.writeSync({
        ...occurrence('2024-05-01T10:00:00Z'),
        fingerprint: '44444444-0000-5000-8000-000000000000',
      });
      assert.deepEqual(
        fs
          .readdirSync(dir)
          .filter(name => name.endsWith('.json'))
          .sort(),
        [`${fps[2]}.json`, '44444444-0000-5000-8000-000000000000.json'],
      );
      const removed = indexLines(dir)
        .filter(line => line[0] === 0)
        .map(line => line[7]);
      assert.deepEqual(removed.sort(), [`${fps[0]}.json`, `${fps[1]}.json`]);
    });
  });

  describe('failures of the file system', () => {
    it('should recreate a directory deleted underneath', () => {
      const store = new ErrorInfoStore({ path: dir });
      store.writeSync(occurrence('2024-05-01T10:00:00Z'));
      fs.rmSync(dir, { recursive: true });
      assert.equal(store.writeSync(occurrence('2024-05-01T11:00:00Z')), true);
      assert.equal(read(dir).count, 1);
    });

    it('should report a directory it cannot write through diag, once, and never throw', () => {
      fs.mkdirSync(dir, { recursive: true });
      const store = new ErrorInfoStore({ path: dir });
      // root ignores permissions: a regular file where the metadata directory should be blocks it.
      fs.writeFileSync(path.join(dir, '.otel-err'), 'not a directory');
      assert.equal(store.writeSync(occurrence('2024-05-01T10:00:00Z')), false);
      assert.equal(store.writeSync(occurrence('2024-05-01T10:00:01Z')), false);
      assert.equal(diag.of('warn').length, 1);
      assert.match(
        diag.of('warn')[0]!,
        /^ErrorInfoStore: cannot write the report 0b5c5d8e-.* in .* \(EEXIST|ENOTDIR\)/,
      );
      assert.match(diag.of('debug').at(-1)!, /2 failures so far/);
    });

    it('should report a full disk through diag and leave no temporary file', () => {
      const store = new ErrorInfoStore({ path: dir });
      store.writeSync(occurrence('2024-05-01T10:00:00Z'));
      const original = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
      // Lock tokens (~40 bytes) still fit; a report does not.
      const writeSync = mock.method(fs, 'writeSync', (...args: unknown[]) => {
        const data = args[1];
        if (typeof data === 'object' && (data as Uint8Array).length > 200) {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        return original(...args);
      });
      try {
        assert.equal(store.writeSync(occurrence('2024-05-01T11:00:00Z')), false);
      } finally {
        writeSync.mock.restore();
      }
      assert.match(diag.of('warn')[0]!, /\(ENOSPC\)$/);
      assert.deepEqual(fs.readdirSync(path.join(dir, '.otel-err/tmp')), []);
      assert.equal(read(dir).count, 1);
      assert.equal(store.writeSync(occurrence('2024-05-01T12:00:00Z')), true);
      assert.match(diag.of('info')[0]!, /writing works again after 1 failures/);
    });
  });
});
