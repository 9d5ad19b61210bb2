package ai.honeyhive.transport.internal;

import ai.honeyhive.config.ExportSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * When to try a request again, and how long one attempt may take: at most {@code maxAttempts}
 * attempts, each cut after {@code attemptTimeout}; exponential backoff from
 * {@code initialBackoff} doubling up to {@code maxBackoff} with jitter, or longer if the server's
 * {@code Retry-After} asks for it; and no wait that would end past the request's budget
 * ({@code maxElapsed} from its first attempt, unless its owner gives it a shorter one). What is
 * worth retrying is {@link Outcome}'s to say; {@link #next} is the one place that decides whether
 * and when. Not public API.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed, Duration attemptTimeout) {

  /** Shortest attempt worth starting when time is short. */
  public static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  public static RetryPolicy of(ExportSettings s) {
    return new RetryPolicy(s.maxAttempts(), s.initialBackoff(), s.maxBackoff(), s.maxRetryElapsed(), s.requestTimeout());
  }

  /**
   * The time a request has for its attempts and waits.
   *
   * @param endNanos the {@code System.nanoTime()} value by which the last attempt must have started
   * @param hurry true when there is no later to wait for (exit): a wait takes at most a quarter
   *     of the time left
   * @param name how the budget is named when it runs out, e.g. {@code 60000 ms}
   */
  public record Budget(long endNanos, boolean hurry, String name) {}

  /** The policy's own budget for a request first tried at {@code firstAttemptNanos}. */
  public Budget budget(long firstAttemptNanos) {
    return new Budget(firstAttemptNanos + Deadlines.nanos(maxElapsed), false, maxElapsed.toMillis() + " ms");
  }

  /**
   * What comes after an attempt that failed in a way worth retrying: another attempt after
   * {@link #waitNanos()}, or, when {@link #stop()} is not null, none; {@code stop} is then what to
   * add to the problem ({@code ""} when the attempts are spent).
   */
  public record Next(long waitNanos, String stop) {
    public boolean retry() {
      return stop == null;
    }
  }

  /**
   * The decision after attempt number {@code attempts} failed in a way worth retrying, at
   * {@code nowNanos}, within {@code budget}, the server having asked for {@code serverAsked}
   * (null when it did not).
   */
  public Next next(int attempts, long nowNanos, Budget budget, Duration serverAsked) {
    if (attempts >= maxAttempts) {
      return new Next(0, "");
    }
    long left = budget.endNanos() - nowNanos;
    long wait = Deadlines.nanos(nextDelay(attempts, serverAsked));
    if (budget.hurry()) {
      wait = Math.min(wait, Math.max(0, left / 4));
    }
    if (left <= MIN_ATTEMPT_NANOS || wait > left - MIN_ATTEMPT_NANOS) {
      String asked = serverAsked != null && Deadlines.nanos(serverAsked) >= wait
          ? "; the server asked to retry after " + serverAsked.toSeconds() + " s" : "";
      return new Next(0, asked + " (no retry time left within " + budget.name() + ")");
    }
    return new Next(wait, null);
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
