package ai.honeyhive.otlp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protocol buffers wire format into one growing array: the few field kinds OTLP traces
 * use (varint, 64-bit, length-delimited) and nested messages. A nested message is written in place
 * after its tag; {@link #end()} then moves it right by the size of its length prefix, which is
 * only known once the message is complete. Fields are written as given: callers skip defaults
 * (empty strings, zero) themselves, as proto3 encoders do. Not public API.
 */
final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int I64 = 1;
  private static final int LEN = 2;

  private byte[] buf;
  private int count;
  private int[] open = new int[8];
  private int depth;

  ProtoWriter(int initialSize) {
    buf = new byte[Math.max(64, initialSize)];
  }

  /** Starts a nested message as field {@code field}; close it with {@link #end()}. */
  ProtoWriter begin(int field) {
    tag(field, LEN);
    if (depth == open.length) {
      open = Arrays.copyOf(open, depth * 2);
    }
    open[depth++] = count;
    return this;
  }

  /** Ends the innermost message begun: inserts its length before it. */
  ProtoWriter end() {
    int start = open[--depth];
    int length = count - start;
    int prefix = varintSize(length);
    ensure(prefix);
    System.arraycopy(buf, start, buf, start + prefix, length);
    int end = count + prefix;
    count = start;
    varint(length);
    count = end;
    return this;
  }

  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter bytes(int field, byte[] value) {
    tag(field, LEN);
    varint(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, buf, count, value.length);
    count += value.length;
    return this;
  }

  /** An int32, int64, uint64, bool or enum field. */
  ProtoWriter int64(int field, long value) {
    tag(field, VARINT);
    varint(value);
    return this;
  }

  ProtoWriter bool(int field, boolean value) {
    return int64(field, value ? 1 : 0);
  }

  /** A fixed64 field (OTLP's times in nanoseconds). */
  ProtoWriter fixed64(int field, long value) {
    tag(field, I64);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[count++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  ProtoWriter double64(int field, double value) {
    return fixed64(field, Double.doubleToRawLongBits(value));
  }

  byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " nested message(s) not ended");
    }
    return Arrays.copyOf(buf, count);
  }

  int size() {
    return count;
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buf[count++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[count++] = (byte) value;
  }

  private static int varintSize(int value) {
    int n = 1;
    while ((value & ~0x7F) != 0) {
      n++;
      value >>>= 7;
    }
    return n;
  }

  private void ensure(int more) {
    if (count + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }
  }
}
