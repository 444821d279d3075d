import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { otlpErrorInfo, otlpIdentity } from '../../../src/cli/sources/otlpErrorInfo.ts';
import { readOtlpFile } from '../../../src/cli/sources/readOtlpFile.ts';
import { zstdFrames } from '../../../src/cli/sources/zstdFrames.ts';
import { UnreadableFileError } from '../../../src/store/readReportText.ts';
import { FIXTURES } from '../reportFixtures.ts';

const LIMITS = { maxBytes: 1 << 20, maxLineBytes: 64 * 1024 };
const traces = fs.readFileSync(path.join(FIXTURES, 'otlp-traces.jsonl'));
const lines = traces.toString().trim().split('\n');

function lengthPrefixed(messages: readonly string[]): Buffer {
  return Buffer.concat(
    messages.flatMap(message => {
      const frame = zstdCompressSync(message);
      const size = Buffer.alloc(4);
      size.writeUInt32BE(frame.length);
      return [size, frame];
    }),
  );
}

describe('readOtlpFile', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-otlp-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = (bytes: Buffer | string, limits = LIMITS) => {
    const file = path.join(dir, 'f.jsonl');
    fs.writeFileSync(file, bytes);
    const found: string[] = [];
    const report = readOtlpFile(file, limits, occurrence =>
      found.push(otlpIdentity(occurrence).service),
    );
    return { found, report };
  };

  describe('the file exporter formats', () => {
    const formats: readonly [string, Buffer][] = [
      ['JSON lines', traces],
      ['gzip (logrotate)', gzipSync(traces)],
      [
        'a zstd stream of several frames (native compression)',
        Buffer.concat(lines.map(l => zstdCompressSync(`${l}\n`))),
      ],
      ['length-prefixed zstd messages (legacy compression)', lengthPrefixed(lines)],
    ];
    for (const [name, bytes] of formats) {
      it(`should find every exception event in ${name}`, () => {
        const { found, report } = read(bytes);
        assert.deepEqual(found, ['shop', 'shop', 'api']);
        assert.deepEqual(report, { lines: 3, badLines: 0, firstBad: null });
      });
    }

    it('should find exception log records (event name exception)', () => {
      const { found } = read(fs.readFileSync(path.join(FIXTURES, 'otlp-logs.json')));
      assert.deepEqual(found, ['mailer']);
    });
  });

  describe('bad content', () => {
    it('should count bad lines and long lines, naming the first, and keep reading', () => {
      const { found, report } = read(
        `${lines[0]}\n[1,2]\n{"x":\n${'{'.padEnd(70_000, ' ')}}\n${lines[2]}\n\n`,
      );
      assert.deepEqual(found, ['shop', 'api']);
      assert.equal(report.lines, 5);
      assert.equal(report.badLines, 3);
      assert.deepEqual(report.firstBad, { line: 2, reason: 'not a JSON object' });
    });

    const refused: readonly [string, Buffer | string, RegExp][] = [
      ['binary garbage', Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]), /^is not OTLP JSON/],
      [
        'a zstd bomb',
        zstdCompressSync(Buffer.alloc(4 << 20)),
        /^decompresses to more than 1048576 bytes$/,
      ],
      [
        'truncated zstd',
        zstdCompressSync(traces).subarray(0, 40),
        /^is (truncated|corrupt) zstd data/,
      ],
      [
        'truncated length-prefixed messages',
        lengthPrefixed(lines).subarray(0, 50),
        /^is truncated \(length-prefixed messages\)$/,
      ],
    ];
    for (const [name, bytes, reason] of refused) {
      it(`should refuse ${name}`, () => {
        assert.throws(
          () => read(bytes),
          (error: unknown) => error instanceof UnreadableFileError && reason.test(error.reason),
        );
      });
    }
  });
});

describe('zstdFrames', () => {
  describe('concatenated and skippable frames', () => {
    it('should split frames and skip skippable ones', () => {
      const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);
      const a = zstdCompressSync('first');
      const b = zstdCompressSync('second');
      const frames = zstdFrames(Buffer.concat([a, skippable, b]));
      assert.deepEqual(
        frames.map(f => Buffer.from(f)),
        [a, b],
      );
    });
  });
});

describe('otlpIdentity', () => {
  describe('an event without our fingerprint', () => {
    it('should derive one from service, type and top stack line, stable across line numbers', () => {
      const request = JSON.parse(lines[2]!) as {
        resourceSpans: {
          scopeSpans: {
            spans: {
              events: { attributes: { key: string; value: { stringValue: string } }[] }[];
            }[];
          }[];
        }[];
      };
      const file = path.join(os.tmpdir(), `err-otlp-id-${process.pid}.jsonl`);
      const shifted = JSON.stringify(request).replace('errors:720:14', 'errors:999:1');
      fs.writeFileSync(file, `${lines[2]}\n${shifted}\n`);
      const ids: string[] = [];
      readOtlpFile(file, LIMITS, occurrence => ids.push(otlpIdentity(occurrence).fingerprint));
      fs.rmSync(file);
      assert.equal(ids.length, 2);
      assert.equal(ids[0], ids[1]);
      assert.match(
        ids[0]!,
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });
  });

  describe('otlpErrorInfo', () => {
    it('should build a report the codec accepts, with the resource and the file it came from', () => {
      const file = path.join(os.tmpdir(), `err-otlp-info-${process.pid}.jsonl`);
      fs.writeFileSync(file, traces);
      const infos: ReturnType<typeof otlpErrorInfo>[] = [];
      readOtlpFile(file, LIMITS, occurrence => infos.push(otlpErrorInfo(occurrence, 'f.jsonl')));
      fs.rmSync(file);
      assert.deepEqual(infos[2]!.resource, { 'service.name': 'api', 'service.version': '5.0.0' });
      assert.deepEqual(infos[2]!.extra, { otlpFile: 'f.jsonl' });
      assert.deepEqual(
        infos[2]!.frames.map(f => [f.function, f.inApp]),
        [
          ['connResetException', false],
          ['Socket.socketOnEnd', false],
        ],
      );
    });
  });
});
