package ai.honeyhive.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what slf4j-simple writes (to standard error) while open, from every thread, and
 * still passes it through.
 */
public final class CapturedLog implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private CapturedLog() {
    PrintStream tee = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        synchronized (buffer) {
          buffer.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (buffer) {
          buffer.write(b, off, len);
        }
        original.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setErr(tee);
  }

  public static CapturedLog start() {
    return new CapturedLog();
  }

  public String text() {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  /** How many lines contain {@code fragment}. */
  public long linesContaining(String fragment) {
    return text().lines().filter(l -> l.contains(fragment)).count();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
