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

  /** The wait the header asks for, never negative; null when absent or unreadable. */
  public static Duration parse(String header, Instant now) {
    if (header == null) {
      return null;
    }
    String v = header.trim();
    if (v.isEmpty()) {
      return null;
    }
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return null; // more digits than a long holds
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
