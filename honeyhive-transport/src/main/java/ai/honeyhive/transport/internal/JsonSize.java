package ai.honeyhive.transport.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;

/** The size of a value as JSON, counted while it is written, without keeping the bytes. Not public API. */
public final class JsonSize {
  private static final ObjectWriter WRITER = JsonMappers.mapper().writer();

  private JsonSize() {}

  /**
   * A cheap estimate of the JSON size of a captured value (maps, lists, strings, numbers,
   * booleans; anything else counted as a short string), without writing it: strings count their
   * characters, so text outside ASCII or needing escapes is undercounted (by at most 3x for
   * ordinary text). For sizing queues and packing requests; {@link #of} is the exact size.
   */
  public static long estimate(Object value) {
    return estimate(value, 0);
  }

  private static long estimate(Object value, int depth) {
    if (value == null) {
      return 4;
    }
    if (value instanceof CharSequence s) {
      return s.length() + 2L;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return 8;
    }
    if (depth > 64) {
      return 16;
    }
    if (value instanceof java.util.Map<?, ?> m) {
      long n = 2;
      for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
        n += estimate(String.valueOf(e.getKey()), depth + 1) + 2 + estimate(e.getValue(), depth + 1);
      }
      return n;
    }
    if (value instanceof Iterable<?> it) {
      long n = 2;
      for (Object o : it) {
        n += estimate(o, depth + 1) + 1;
      }
      return n;
    }
    return 16;
  }

  /** UTF-8 bytes of {@code value} as the shared mapper writes it. */
  public static long of(Object value) throws IOException {
    return of(WRITER, value);
  }

  /** UTF-8 bytes of {@code value} as {@code writer} writes it. */
  public static long of(ObjectWriter writer, Object value) throws IOException {
    ByteCounter counter = new ByteCounter();
    writer.writeValue(counter, value);
    return counter.count;
  }

  private static final class ByteCounter extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
