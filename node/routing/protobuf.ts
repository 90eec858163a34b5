/**
 * Minimal protocol-buffers reader for the OSM PBF format.
 *
 * Why not a library: OSM PBF needs only varints, zigzag, length-delimited fields and packed
 * arrays; a 100-line reader over a Uint8Array avoids a dependency and lets the decoder walk
 * packed delta arrays without allocating intermediate JS arrays (the hot path on import).
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export class ProtoReader {
  pos: number;
  end: number;
  /** Field number and wire type of the last tag read by next(). */
  field = 0;
  wire = 0;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  /** Advances to the next field; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    const tag = this.varint();
    this.field = tag >>> 3;
    this.wire = tag & 7;
    return true;
  }

  /** Unsigned varint as a JS number; exact up to 2^53 (OSM ids and coordinates fit). */
  varint(): number {
    const buf = this.buf;
    let b = buf[this.pos++]!;
    let val = b & 0x7f;
    if (b < 0x80) return val;
    b = buf[this.pos++]!;
    val |= (b & 0x7f) << 7;
    if (b < 0x80) return val;
    b = buf[this.pos++]!;
    val |= (b & 0x7f) << 14;
    if (b < 0x80) return val;
    b = buf[this.pos++]!;
    val |= (b & 0x7f) << 21;
    if (b < 0x80) return val;
    // Beyond 28 bits: switch to float arithmetic, bitwise ops would overflow int32.
    let mul = 268435456; // 2^28
    let result = val >>> 0;
    do {
      b = buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      mul *= 128;
    } while (b >= 0x80);
    return result;
  }

  /** Signed varint as encoded for int32/int64 (two's complement, 10 bytes when negative). */
  int64(): number {
    const v = this.varint();
    // Negative int64 values arrive as 2^64 + v; folding keeps precision for small magnitudes.
    return v >= 2 ** 63 ? v - 2 ** 64 : v;
  }

  /** Zigzag-decoded sint32/sint64. */
  svarint(): number {
    const n = this.varint();
    // Arithmetic rather than bitwise: values may exceed 32 bits (node ids, deltas).
    return n % 2 === 1 ? (n + 1) / -2 : n / 2;
  }

  /** Length-delimited payload as [start, end) offsets into buf; no copy. */
  bytesRange(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    this.pos += len;
    return [start, this.pos];
  }

  bytes(): Uint8Array {
    const [s, e] = this.bytesRange();
    return this.buf.subarray(s, e);
  }

  /** Sub-reader over a length-delimited field (embedded message or packed array). */
  sub(): ProtoReader {
    const [s, e] = this.bytesRange();
    return new ProtoReader(this.buf, s, e);
  }

  skipField(): void {
    switch (this.wire) {
      case WIRE_VARINT:
        while (this.buf[this.pos++]! >= 0x80);
        break;
      case WIRE_FIXED64:
        this.pos += 8;
        break;
      case WIRE_BYTES: {
        // Read the length first: `this.pos += this.varint()` would add to the stale pos.
        const len = this.varint();
        this.pos += len;
        break;
      }
      case WIRE_FIXED32:
        this.pos += 4;
        break;
      default:
        throw new Error(
          `protobuf: unsupported wire type ${this.wire} (field ${this.field}) at ${this.pos} in [${this.end}]`,
        );
    }
  }
}
