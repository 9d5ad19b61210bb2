package ai.honeyhive.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryRulesTest {
  private final RetryPolicy policy =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(10), Duration.ofSeconds(30));

  @RepeatedTest(20)
  void backoffDoublesUpToTheCapWithAtMostHalfTakenOffAsJitter() {
    long[] bases = {100, 200, 400, 800, 1000, 1000};
    for (int retry = 1; retry <= bases.length; retry++) {
      long ms = policy.backoff(retry).toMillis();
      assertThat(ms).as("retry %d", retry).isBetween(bases[retry - 1] / 2, bases[retry - 1]);
    }
  }

  @Test
  void aLongerRetryAfterWinsOverTheBackoff() {
    assertThat(policy.nextDelay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.nextDelay(1, Duration.ZERO)).isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(policy.nextDelay(1, null)).isLessThanOrEqualTo(Duration.ofMillis(100));
  }

  private static final long MS = 1_000_000L;

  @Test
  void anotherAttemptComesAfterTheBackoffWhileAttemptsAndTimeAreLeft() {
    RetryPolicy.Next next = policy.next(1, 0, new RetryPolicy.Budget(10_000 * MS, false, "10000 ms"), null);

    assertThat(next.retry()).isTrue();
    assertThat(next.waitNanos()).isBetween(50 * MS, 100 * MS);
  }

  @Test
  void theLastAttemptIsTheLast() {
    RetryPolicy.Next next = policy.next(5, 0, new RetryPolicy.Budget(10_000 * MS, false, "10000 ms"), null);

    assertThat(next.retry()).isFalse();
    assertThat(next.stop()).isEmpty();
  }

  @Test
  void aWaitThatWouldEndPastTheBudgetIsNoRetryAndSaysWhatTheServerAsked() {
    RetryPolicy.Next next = policy.next(1, 0, new RetryPolicy.Budget(10_000 * MS, false, "10000 ms"), Duration.ofSeconds(60));

    assertThat(next.retry()).isFalse();
    assertThat(next.stop()).isEqualTo("; the server asked to retry after 60 s (no retry time left within 10000 ms)");
    // too little left for even a short attempt
    assertThat(policy.next(1, 0, new RetryPolicy.Budget(40 * MS, false, "x"), null).stop())
        .isEqualTo(" (no retry time left within x)");
  }

  @Test
  void inAHurryAWaitTakesAtMostAQuarterOfTheTimeLeft() {
    RetryPolicy.Next next = policy.next(1, 0, new RetryPolicy.Budget(2_000 * MS, true, "the shutdown timeout"), Duration.ofSeconds(60));

    assertThat(next.retry()).isTrue();
    assertThat(next.waitNanos()).isEqualTo(500 * MS);
  }

  @Test
  void thePolicysOwnBudgetIsItsLongestElapsedTimeFromTheFirstAttempt() {
    RetryPolicy.Budget b = policy.budget(7);

    assertThat(b.endNanos()).isEqualTo(7 + 10_000 * MS);
    assertThat(b.hurry()).isFalse();
    assertThat(b.name()).isEqualTo("10000 ms");
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Instant now = Instant.parse("2015-10-21T07:28:00Z");
    assertThat(RetryAfter.parse("120", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", now)).isNull();
    assertThat(RetryAfter.parse("-5", now)).isNull();
    assertThat(RetryAfter.parse(null, now)).isNull();
  }

  @Test
  void aRetryAfterOfAnySizeIsReadAsAtMostTheLongestWaitWithoutOverflow() {
    Instant now = Instant.parse("2015-10-21T07:28:00Z");
    assertThat(RetryAfter.parse("99999999999", now)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.parse("99999999999999999999999", now)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", now)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", Instant.MIN)).isEqualTo(RetryAfter.MAX);
    assertThat(RetryAfter.parse("-99999999999", now)).isNull();
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5), Duration.ofSeconds(30));
    Duration next = policy.nextDelay(1, RetryAfter.parse("99999999999", now));
    assertThat(next).isEqualTo(RetryAfter.MAX);
    assertThat(Deadlines.after(next)).isGreaterThan(System.nanoTime()); // no overflow when added to the clock
  }

  @Test
  void serverMessagesAreShortOneLineAndWithoutTheKey() {
    assertThat(ServerMessages.of("{\"message\":\"bad\\nthing\"}".getBytes(), "k")).isEqualTo("bad thing");
    assertThat(ServerMessages.of("{\"errors\":[\"a\",\"b\"]}".getBytes(), "k")).isEqualTo("[\"a\",\"b\"]");
    assertThat(ServerMessages.of("<h1>Bad gateway</h1>".getBytes(), "k")).isEqualTo("<h1>Bad gateway</h1>");
    assertThat(ServerMessages.of("key sk-123 is wrong".getBytes(), "sk-123")).isEqualTo("key <redacted> is wrong");
    assertThat(ServerMessages.of("x".repeat(1000).getBytes(), "k")).hasSize(303);
    assertThat(ServerMessages.of(new byte[0], "k")).isNull();
  }
}
