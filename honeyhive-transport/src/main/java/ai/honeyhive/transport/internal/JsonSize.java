package ai.honeyhive.transport.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;

/** The size of a value as JSON, counted while it is written, without keeping the bytes. Not public API. */
public final class JsonSize {
  private static final ObjectWriter WRITER = JsonMappers.mapper().writer();

  private JsonSize() {}

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
