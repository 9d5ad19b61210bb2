package ai.honeyhive.transport.internal;

import java.time.Duration;

/**
 * Timeouts given by callers, turned into nanoseconds without overflow: {@code flush(Duration.ofDays(365_000))}
 * or a {@code ChronoUnit.FOREVER} duration means "wait as long as it takes", not an
 * {@code ArithmeticException} thrown into the application. Not public API.
 */
public final class Deadlines {
  /** Long enough to mean "no limit", small enough that adding it to {@code System.nanoTime()} cannot overflow. */
  private static final long NO_LIMIT_NANOS = Long.MAX_VALUE / 4;

  private Deadlines() {}

  /** The timeout in nanoseconds: negative as zero, huge as "no limit". */
  public static long nanos(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      return 0;
    }
    try {
      return Math.min(timeout.toNanos(), NO_LIMIT_NANOS);
    } catch (ArithmeticException tooLong) {
      return NO_LIMIT_NANOS;
    }
  }

  /** The {@code System.nanoTime()} value at which {@code timeout} from now has passed. */
  public static long after(Duration timeout) {
    return System.nanoTime() + nanos(timeout);
  }
}
