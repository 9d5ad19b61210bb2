package ai.honeyhive.transport.http.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long a successful request typically takes, from its start to its answer: the longest of the
 * last {@value #WINDOW} successful round trips. The longest rather than an average because at exit
 * it decides whether a request still unanswered is late (and may be hung) or merely slow, and a
 * request cut while the server is still working on it is created twice. Before any success, a
 * guess: {@link #UNKNOWN}, or the request timeout if shorter. Updated once per successful request;
 * not public API.
 */
final class RoundTrips {
  static final int WINDOW = 8;
  /** The guess before any answer: reserves 2 s at exit for one more attempt, as the tracer reserves for delivery. */
  static final Duration UNKNOWN = Duration.ofSeconds(1);

  private final long guess;
  private final long[] recent = new long[WINDOW];
  private int count;
  private int next;
  private long longest;

  RoundTrips(Duration requestTimeout) {
    this.guess = Math.min(UNKNOWN.toNanos(), requestTimeout.toNanos());
  }

  /** Records a successful round trip; true when {@link #typical()} changed. */
  synchronized boolean record(long nanos) {
    long before = typical();
    recent[next] = Math.max(0, nanos);
    next = (next + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
    long max = 0;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, recent[i]);
    }
    longest = max;
    return typical() != before;
  }

  /** In nanoseconds: the longest recent successful round trip, or the guess before any. */
  synchronized long typical() {
    return count == 0 ? guess : longest;
  }

  @Override
  public synchronized String toString() {
    return "RoundTrips[typical " + TimeUnit.NANOSECONDS.toMillis(typical()) + " ms of " + count + "]";
  }
}
