package ai.honeyhive.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * What the HoneyHive stand-in does with one request instead of its normal answer: queue faults
 * with {@link StandInServer#failNext(Fault...)} (batches) or {@link StandInServer#answerNext}
 * (any request); each is used once, in order.
 */
public final class Fault {
  enum Kind { STATUS, RESET, CLOSE, DELAY, NO_ANSWER, PARTIAL, ON_ARRIVAL }

  final Kind kind;
  final int status;
  final Duration duration;
  final int created;
  final String contentType;
  final String body;
  final Map<String, String> headers;
  final CountDownLatch release;
  final Function<ReceivedRequest, Fault> rule;

  private Fault(Kind kind, int status, Duration duration, int created, String contentType, String body,
      Map<String, String> headers, CountDownLatch release, Function<ReceivedRequest, Fault> rule) {
    this.kind = kind;
    this.status = status;
    this.duration = duration;
    this.created = created;
    this.contentType = contentType;
    this.body = body;
    this.headers = Map.copyOf(headers);
    this.release = release;
    this.rule = rule;
  }

  private static Fault of(Kind kind, int status, Duration duration, int created) {
    return new Fault(kind, status, duration, created, null, null, Map.of(), null, null);
  }

  /** Answers with this status (3xx, 4xx or 5xx) and an error body; nothing is recorded. */
  public static Fault status(int status) {
    if (status < 300 || status > 599) {
      throw new IllegalArgumentException("a fault's status is 3xx, 4xx or 5xx, not " + status
          + "; use Fault.respond for any other answer");
    }
    return of(Kind.STATUS, status, null, 0);
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
    return status(429).withHeader("Retry-After", String.valueOf((retryAfter.toMillis() + 999) / 1000));
  }

  /**
   * Answers exactly this, whatever was asked (nothing is recorded): e.g. a documented response
   * body, or an unreadable one, for a test of the code that reads it.
   */
  public static Fault respond(int status, String contentType, String body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("an HTTP status is between 100 and 599, not " + status);
    }
    return new Fault(Kind.STATUS, status, null, 0, Objects.requireNonNull(contentType, "contentType"),
        Objects.requireNonNull(body, "body"), Map.of(), null, null);
  }

  /** {@link #respond} with a JSON body. */
  public static Fault json(int status, String body) {
    return respond(status, "application/json", body);
  }

  /** Closes the connection with a TCP reset instead of answering; nothing is recorded. */
  public static Fault reset() {
    return of(Kind.RESET, 0, null, 0);
  }

  /** Closes the connection without answering (no reset); nothing is recorded. */
  public static Fault closeWithoutAnswer() {
    return of(Kind.CLOSE, 0, null, 0);
  }

  /**
   * A slow API: handles the request as normal at once (a batch is recorded), then waits this long
   * before it answers. A client that gives up meanwhile and sends again makes a duplicate.
   */
  public static Fault delay(Duration delay) {
    return of(Kind.DELAY, 200, Objects.requireNonNull(delay, "delay"), 0);
  }

  /** As {@link #delay}, but the answer waits until {@code release} is counted down (or the server closes). */
  public static Fault delayUntil(CountDownLatch release) {
    return new Fault(Kind.DELAY, 200, null, 0, null, null, Map.of(), Objects.requireNonNull(release, "release"), null);
  }

  /** Never answers: holds the connection open until the client gives up or the server closes. */
  public static Fault noAnswer() {
    return of(Kind.NO_ANSWER, 0, null, 0);
  }

  /**
   * Holds the connection open without answering until {@code release} is counted down (or the
   * server closes, or 30 s pass), then closes it; nothing is recorded.
   */
  public static Fault noAnswerUntil(CountDownLatch release) {
    return new Fault(Kind.NO_ANSWER, 0, null, 0, null, null, Map.of(), Objects.requireNonNull(release, "release"), null);
  }

  /**
   * The API's 500 "events partially created": the batch's first {@code created} traced events are
   * recorded and their ids returned; the rest, and the {@code session} events announcing sessions,
   * are refused, so the client sends them again.
   */
  public static Fault partial(int created) {
    if (created < 0) {
      throw new IllegalArgumentException("created must be >= 0");
    }
    return of(Kind.PARTIAL, 500, null, created);
  }

  /**
   * Decided when the request arrives, from what it carries (e.g. a {@code Retry-After} date
   * written at that moment); a null from {@code rule} means the normal answer.
   */
  public static Fault onArrival(Function<ReceivedRequest, Fault> rule) {
    return new Fault(Kind.ON_ARRIVAL, 0, null, 0, null, null, Map.of(), null, Objects.requireNonNull(rule, "rule"));
  }

  /** This fault with one more response header, e.g. {@code Retry-After} or {@code Location}. */
  public Fault withHeader(String name, String value) {
    if (kind != Kind.STATUS) {
      throw new IllegalStateException("only a fault that answers has headers, not " + this);
    }
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Fault(kind, status, duration, created, contentType, body, more, release, rule);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STATUS -> "Fault[" + status + (headers.isEmpty() ? "" : ", " + headers) + "]";
      case DELAY -> "Fault[delay " + (duration != null ? duration : "until released") + "]";
      case PARTIAL -> "Fault[partial 500, " + created + " created]";
      default -> "Fault[" + kind + "]";
    };
  }
}
