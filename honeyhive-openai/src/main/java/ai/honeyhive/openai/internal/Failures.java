package ai.honeyhive.openai.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Our own failures: counted, logged at most once a minute, never thrown into the SDK or the caller. Not public API. */
final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger("ai.honeyhive.openai");
  private static final AtomicLong COUNT = new AtomicLong();
  private static final AtomicLong LAST_LOGGED = new AtomicLong(Long.MIN_VALUE);
  private static final long INTERVAL_NANOS = 60_000_000_000L;

  private Failures() {}

  static void contain(String where, Throwable t) {
    long n = COUNT.incrementAndGet();
    long now = System.nanoTime();
    long last = LAST_LOGGED.get();
    if ((last == Long.MIN_VALUE || now - last > INTERVAL_NANOS) && LAST_LOGGED.compareAndSet(last, now)) {
      LOG.warn("HoneyHive: recording an OpenAI call's {} failed ({} so far): {}", where, n, t.toString());
    }
  }
}
