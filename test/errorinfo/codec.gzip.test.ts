import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { ErrorInfoFormatError } from '../../src/errorinfo/ErrorInfoFormatError.ts';
import { codecDefaults, fromJSONGzip, toJSON, toJSONGzip } from '../../src/errorinfo/codec.ts';
import { richErrorInfo } from './sampleErrorInfo.ts';

function gzipErrorOf(data: Uint8Array, maxBytes?: number): ErrorInfoFormatError {
  try {
    fromJSONGzip(data, maxBytes === undefined ? {} : { maxBytes });
  } catch (error) {
    assert.ok(error instanceof ErrorInfoFormatError, String(error));
    assert.equal(error.field, '$');
    return error;
  }
  assert.fail('fromJSONGzip accepted the data');
}

describe('ErrorInfo codec gzip', () => {
  describe('round trip', () => {
    it('should read back what toJSONGzip wrote', () => {
      const info = richErrorInfo();
      const data = toJSONGzip(info);
      assert.deepEqual([...data.subarray(0, 2)], [0x1f, 0x8b]);
      assert.deepStrictEqual(fromJSONGzip(data), info);
    });

    it('should accept a document exactly maxBytes long', () => {
      const text = toJSON(richErrorInfo());
      const data = gzipSync(text);
      assert.equal(fromJSONGzip(data, { maxBytes: Buffer.byteLength(text) }).name, 'checkout');
      gzipErrorOf(data, Buffer.byteLength(text) - 1);
    });
  });

  describe('hostile data', () => {
    it('should stop a gzip bomb at a small maxBytes', () => {
      const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024));
      assert.ok(bomb.length < 64 * 1024);
      const error = gzipErrorOf(bomb, 1024 * 1024);
      assert.match(error.shortMessage, /exceeds maxBytes \(1048576 bytes\)/);
    });

    it('should stop a 1 GiB bomb at the default limit', () => {
      // Concatenated gzip members decompress as one stream: 128 × 8 MiB of zeros in about 1 MB.
      const member = gzipSync(Buffer.alloc(8 * 1024 * 1024), { level: 9 });
      const bomb = Buffer.concat(Array.from({ length: 128 }, () => member));
      assert.ok(bomb.length < 2 * 1024 * 1024);
      const error = gzipErrorOf(bomb);
      assert.match(
        error.shortMessage,
        new RegExp(`exceeds maxBytes \\(${codecDefaults.maxBytes} bytes\\)`),
      );
    });

    const corrupt: [string, () => Uint8Array, RegExp][] = [
      [
        'truncated data',
        () => toJSONGzip(richErrorInfo()).subarray(0, -10),
        /invalid gzip data: unexpected end of file/,
      ],
      ['data that is not gzip', () => Buffer.from('{"$type":"errorinfo"}'), /invalid gzip data/],
      ['empty data', () => new Uint8Array(0), /invalid gzip data/],
      [
        'trailing garbage',
        () => Buffer.concat([toJSONGzip(richErrorInfo()), Buffer.from('junk')]),
        /invalid gzip data/,
      ],
      ['invalid UTF-8', () => gzipSync(Buffer.from([0x22, 0xff, 0xfe, 0x22])), /not valid UTF-8/],
      ['invalid JSON', () => gzipSync('{"a":'), /invalid JSON/],
    ];
    for (const [label, build, reason] of corrupt) {
      it(`should reject ${label} with the typed error`, () => {
        assert.match(gzipErrorOf(build()).shortMessage, reason);
      });
    }

    it('should report a bad field inside a valid gzip', () => {
      const data = gzipSync(JSON.stringify({ $type: 'errorinfo', $version: '4.0' }));
      assert.throws(() => fromJSONGzip(data), { name: 'ErrorInfoFormatError', field: '$version' });
    });
  });

  describe('options', () => {
    for (const maxBytes of [0, -1, 1.5, Number.NaN, Infinity]) {
      it(`should refuse maxBytes ${maxBytes} with a RangeError naming the option`, () => {
        assert.throws(() => fromJSONGzip(toJSONGzip(richErrorInfo()), { maxBytes }), {
          name: 'RangeError',
          message: /Invalid option `maxBytes: /,
        });
      });
    }
  });
});
