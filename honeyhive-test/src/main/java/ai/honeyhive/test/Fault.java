package ai.honeyhive.test;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HoneyHiveStandIn} misbehaves on one {@code POST /events/batch}: queue faults with
 * {@link HoneyHiveStandIn#failNext(Fault...)}; each is used once, in order.
 */
public final class Fault {
  enum Kind { STATUS, RESET, DELAY, NO_ANSWER, PARTIAL }

  final Kind kind;
  final int status;
  final Duration duration;
  final int created;

  private Fault(Kind kind, int status, Duration duration, int created) {
    this.kind = kind;
    this.status = status;
    this.duration = duration;
    this.created = created;
  }

  /** Answers with this status and an error body; nothing is recorded. */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a fault's status is 4xx or 5xx, not " + status);
    }
    return new Fault(Kind.STATUS, status, null, 0);
  }

  /** 500 Internal Server Error. */
  public static Fault serverError() {
    return status(500);
  }

  /** 503 Service Unavailable. */
  public static Fault unavailable() {
    return status(503);
  }

  /** 401 Unauthorized, as for a wrong API key. */
  public static Fault unauthorized() {
    return status(401);
  }

  /** 429 Too Many Requests with {@code Retry-After} in whole seconds (rounded up). */
  public static Fault tooManyRequests(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    return new Fault(Kind.STATUS, 429, retryAfter, 0);
  }

  /** Closes the connection with a TCP reset instead of answering; nothing is recorded. */
  public static Fault reset() {
    return new Fault(Kind.RESET, 0, null, 0);
  }

  /** Waits this long, then answers normally and records the batch. */
  public static Fault delay(Duration delay) {
    return new Fault(Kind.DELAY, 200, Objects.requireNonNull(delay, "delay"), 0);
  }

  /** Never answers: holds the connection open until the client gives up or the server closes. */
  public static Fault noAnswer() {
    return new Fault(Kind.NO_ANSWER, 0, null, 0);
  }

  /**
   * The API's 500 "events partially created": the batch's first {@code created} events are
   * recorded and their ids returned, the rest are refused.
   */
  public static Fault partial(int created) {
    if (created < 0) {
      throw new IllegalArgumentException("created must be >= 0");
    }
    return new Fault(Kind.PARTIAL, 500, null, created);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STATUS -> "Fault[" + status + (duration != null ? ", Retry-After " + duration : "") + "]";
      case DELAY -> "Fault[delay " + duration + "]";
      case PARTIAL -> "Fault[partial 500, " + created + " created]";
      default -> "Fault[" + kind + "]";
    };
  }
}
