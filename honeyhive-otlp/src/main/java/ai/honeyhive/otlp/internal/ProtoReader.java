package ai.honeyhive.otlp.internal;

import java.nio.charset.StandardCharsets;

/**
 * Reads protocol buffers wire format from an array: field tags, varints, length-delimited fields,
 * and skips the field kinds it is not asked for, so that fields a newer receiver adds are passed
 * over. A malformed body (a length past its end, a varint over ten bytes, a group) is an
 * {@link IllegalArgumentException}. Not public API.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int I32 = 5;

  private final byte[] buf;
  private int pos;
  private final int end;

  ProtoReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private ProtoReader(byte[] buf, int from, int end) {
    this.buf = buf;
    this.pos = from;
    this.end = end;
  }

  boolean hasMore() {
    return pos < end;
  }

  /** The next field's tag: its number is {@code tag >>> 3}, its wire type {@code tag & 7}. */
  int tag() {
    long tag = varint();
    if (tag >>> 3 == 0 || tag < 0 || tag > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("bad field tag " + tag + " at byte " + pos);
    }
    return (int) tag;
  }

  long varint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new IllegalArgumentException("varint past the end");
      }
      byte b = buf[pos++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint longer than ten bytes");
  }

  /** A length-delimited field's content as a reader of its own (a nested message). */
  ProtoReader message() {
    int length = length();
    ProtoReader nested = new ProtoReader(buf, pos, pos + length);
    pos += length;
    return nested;
  }

  String string() {
    int length = length();
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  /** Passes over a field of this wire type. */
  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> varint();
      case I64 -> advance(8);
      case LEN -> advance(length());
      case I32 -> advance(4);
      default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
    }
  }

  private int length() {
    long length = varint();
    if (length < 0 || length > end - pos) {
      throw new IllegalArgumentException("length " + length + " past the end");
    }
    return (int) length;
  }

  private void advance(int n) {
    if (n > end - pos) {
      throw new IllegalArgumentException("field past the end");
    }
    pos += n;
  }
}
