package ai.honeyhive.transport.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs the library's own failures at most once per interval per message key, so that a failure on
 * every traced call cannot flood the application's log. Suppressed occurrences are counted and
 * reported with the next line that gets through. Not public API.
 */
public final class ThrottledLogger {
  private final Logger delegate;
  private final long intervalNanos;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public ThrottledLogger(Logger delegate, long interval, TimeUnit unit) {
    this.delegate = delegate;
    this.intervalNanos = unit.toNanos(interval);
  }

  public ThrottledLogger(Logger delegate) {
    this(delegate, 1, TimeUnit.MINUTES);
  }

  public void warn(String key, String message, Throwable t) {
    long suppressed = admit(key);
    if (suppressed >= 0) {
      delegate.warn(withSuppressed(message, suppressed), t);
    }
  }

  public void warn(String key, String message) {
    warn(key, message, null);
  }

  public void error(String key, String message, Throwable t) {
    long suppressed = admit(key);
    if (suppressed >= 0) {
      delegate.error(withSuppressed(message, suppressed), t);
    }
  }

  /** Returns the number of suppressed occurrences when this one may be logged, else -1. */
  private long admit(String key) {
    Window w = windows.computeIfAbsent(key, k -> new Window());
    long now = System.nanoTime();
    long last = w.lastLogged.get();
    if ((last == Long.MIN_VALUE || now - last >= intervalNanos) && w.lastLogged.compareAndSet(last, now)) {
      return w.suppressed.getAndSet(0);
    }
    w.suppressed.incrementAndGet();
    return -1;
  }

  private static String withSuppressed(String message, long suppressed) {
    return suppressed == 0 ? message : message + " (" + suppressed + " similar messages suppressed)";
  }

  private static final class Window {
    final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
    final AtomicLong suppressed = new AtomicLong();
  }
}
