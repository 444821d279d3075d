/** Protobuf wire types (the low three bits of a field tag). */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/** One field as read from the wire, before the schema gives it a meaning. */
export interface WireField {
  /** Field number. */
  field: number;
  /** Wire type (see `WIRE`). */
  wire: number;
  /** varint and fixed64 values. */
  integer: bigint;
  /** fixed32 and fixed64 raw bytes (for floats) and length-delimited payloads. */
  bytes: Uint8Array;
}

/**
 * A reader of the protobuf binary wire format: it splits a message into its fields, and knows no
 * schema. Throws a `RangeError` on truncated or malformed input (it is a decoder).
 */
export class ProtobufReader {
  private readonly _bytes: Uint8Array;
  private _offset = 0;

  /** A reader over one encoded message. */
  constructor(bytes: Uint8Array) {
    this._bytes = bytes;
  }

  /** Every field of the message, in wire order. */
  fields(): WireField[] {
    const fields: WireField[] = [];
    while (this._offset < this._bytes.length) {
      const tag = this._varint();
      const field = Number(tag >> 3n);
      const wire = Number(tag & 7n);
      if (field === 0) throw new RangeError('protobuf: field number 0');
      fields.push(this._value(field, wire));
    }
    return fields;
  }

  private _value(field: number, wire: number): WireField {
    switch (wire) {
      case WIRE.varint:
        return { field, wire, integer: this._varint(), bytes: new Uint8Array() };
      case WIRE.fixed64: {
        const bytes = this._take(8);
        const integer = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
        return { field, wire, integer, bytes };
      }
      case WIRE.lengthDelimited:
        return { field, wire, integer: 0n, bytes: this._take(Number(this._varint())) };
      case WIRE.fixed32: {
        const bytes = this._take(4);
        const integer = BigInt(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true));
        return { field, wire, integer, bytes };
      }
      default:
        throw new RangeError(`protobuf: unsupported wire type ${wire} (field ${field})`);
    }
  }

  private _varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this._bytes[this._offset++];
      if (byte === undefined) throw new RangeError('protobuf: truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new RangeError('protobuf: varint longer than 10 bytes');
  }

  private _take(length: number): Uint8Array {
    const end = this._offset + length;
    if (end > this._bytes.length) throw new RangeError('protobuf: truncated field');
    const bytes = this._bytes.subarray(this._offset, end);
    this._offset = end;
    return bytes;
  }
}
