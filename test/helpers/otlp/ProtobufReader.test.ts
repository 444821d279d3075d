import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufReader } from './ProtobufReader.ts';

describe('ProtobufReader', () => {
  describe('.fields', () => {
    it('should split a message into varint, fixed and length-delimited fields', () => {
      const bytes = new Uint8Array([
        0x08,
        0x96,
        0x01, // field 1 varint 150
        0x12,
        0x02,
        0x68,
        0x69, // field 2 bytes "hi"
        0x1d,
        0x01,
        0x00,
        0x00,
        0x00, // field 3 fixed32 1
        0x21,
        0x02,
        0,
        0,
        0,
        0,
        0,
        0,
        0, // field 4 fixed64 2
      ]);
      const fields = new ProtobufReader(bytes).fields();
      assert.deepEqual(
        fields.map(({ field, wire, integer }) => [field, wire, integer]),
        [
          [1, 0, 150n],
          [2, 2, 0n],
          [3, 5, 1n],
          [4, 1, 2n],
        ],
      );
      assert.equal(Buffer.from(fields[1]!.bytes).toString(), 'hi');
    });

    const malformed: { name: string; bytes: number[]; error: RegExp }[] = [
      { name: 'a truncated varint', bytes: [0x08, 0x96], error: /truncated varint/ },
      { name: 'a truncated field', bytes: [0x12, 0x05, 0x61], error: /truncated field/ },
      { name: 'a group wire type', bytes: [0x0b], error: /unsupported wire type 3/ },
      { name: 'field number 0', bytes: [0x00, 0x01], error: /field number 0/ },
      {
        name: 'an endless varint',
        bytes: [0x08, ...Array<number>(11).fill(0xff)],
        error: /longer than 10/,
      },
    ];
    for (const { name, bytes, error } of malformed) {
      it(`should throw a RangeError on ${name}`, () => {
        assert.throws(() => new ProtobufReader(new Uint8Array(bytes)).fields(), {
          name: 'RangeError',
          message: error,
        });
      });
    }
  });
});
