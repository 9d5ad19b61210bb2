package ai.honeyhive.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrations' own failures (LangChain4j, the OpenAI SDK wrapper): counted per integration,
 * logged at most once a minute each, never thrown into the framework or the application. Not
 * public API.
 */
public final class IntegrationFailures {
  private static final long INTERVAL_NANOS = 60_000_000_000L;
  private static final ConcurrentMap<String, Counter> COUNTERS = new ConcurrentHashMap<>();

  private record Counter(Logger log, AtomicLong count, AtomicLong lastLogged) {}

  private IntegrationFailures() {}

  /**
   * Counts a failure of {@code integration}'s recording ({@code "LangChain4j"}, {@code "OpenAI"})
   * at {@code where}, and logs it unless one was logged in the last minute.
   */
  public static void contain(String integration, String where, Throwable t) {
    Counter c = counter(integration);
    long n = c.count().incrementAndGet();
    long now = System.nanoTime();
    long last = c.lastLogged().get();
    if ((last == Long.MIN_VALUE || now - last > INTERVAL_NANOS) && c.lastLogged().compareAndSet(last, now)) {
      c.log().warn("HoneyHive: recording a {} call's {} failed ({} so far); the call itself was not affected: {}",
          integration, where, n, t.toString());
    }
  }

  /** How many times {@code integration}'s recording failed. */
  public static long count(String integration) {
    return counter(integration).count().get();
  }

  private static Counter counter(String integration) {
    return COUNTERS.computeIfAbsent(integration, name -> new Counter(
        LoggerFactory.getLogger("ai.honeyhive." + name.toLowerCase(java.util.Locale.ROOT)),
        new AtomicLong(), new AtomicLong(Long.MIN_VALUE)));
  }
}
