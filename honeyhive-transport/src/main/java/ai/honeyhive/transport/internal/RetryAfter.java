package ai.honeyhive.transport.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3).
 * Not public API.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * Longest wait a header can ask for, so that any value can be added to a clock reading or
   * turned into nanoseconds without overflow; callers cap it further by the time they have left.
   */
  public static final Duration MAX = Duration.ofDays(365);

  /**
   * The wait the header asks for, between zero and {@link #MAX}; null when absent or unreadable
   * (a negative number, or text that is neither delay-seconds nor an HTTP-date). Never throws.
   */
  public static Duration parse(String header, Instant now) {
    if (header == null) {
      return null;
    }
    String v = header.trim();
    if (v.isEmpty()) {
      return null;
    }
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // more digits than a long holds, or more seconds than MAX: as long as we would ever wait
      if (v.length() > 12) {
        return MAX;
      }
      long seconds = Long.parseLong(v);
      return seconds >= MAX.getSeconds() ? MAX : Duration.ofSeconds(seconds);
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      if (now == null || !at.isAfter(now)) {
        return Duration.ZERO;
      }
      Duration d = Duration.between(now, at);
      return d.compareTo(MAX) > 0 ? MAX : d;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}
