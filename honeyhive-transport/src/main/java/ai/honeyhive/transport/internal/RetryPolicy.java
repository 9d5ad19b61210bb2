package ai.honeyhive.transport.internal;

import ai.honeyhive.config.ExportSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a request again: at most {@code maxAttempts} attempts, exponential backoff from
 * {@code initialBackoff} doubling up to {@code maxBackoff} with jitter, and no wait that would end
 * past {@code maxElapsed} from the first attempt. Not public API.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {

  public static RetryPolicy of(ExportSettings s) {
    return new RetryPolicy(s.maxAttempts(), s.initialBackoff(), s.maxBackoff(), s.maxRetryElapsed());
  }

  /**
   * The wait before retry number {@code retry} (1 for the first): the capped exponential value,
   * of which a random part up to half is taken off, so that many clients failing together do not
   * retry in step.
   */
  public Duration backoff(int retry) {
    long initial = Math.max(1, initialBackoff.toMillis());
    long cap = Math.max(initial, maxBackoff.toMillis());
    long base = initial;
    for (int i = 1; i < retry && base < cap; i++) {
      base = Math.min(cap, base * 2);
    }
    long jitter = ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Duration.ofMillis(base - jitter);
  }

  /** The wait before the next attempt: the backoff, or longer if the server asked for it (at most {@link RetryAfter#MAX}). */
  public Duration nextDelay(int retry, Duration serverAsked) {
    Duration b = backoff(retry);
    if (serverAsked == null || serverAsked.compareTo(b) <= 0) {
      return b;
    }
    return serverAsked.compareTo(RetryAfter.MAX) > 0 ? RetryAfter.MAX : serverAsked;
  }
}
