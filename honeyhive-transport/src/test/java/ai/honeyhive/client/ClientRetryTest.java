package ai.honeyhive.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.ExportSettingsBuilder;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.test.Fault;
import ai.honeyhive.test.ReceivedRequest;
import ai.honeyhive.test.StandInServer;
import ai.honeyhive.testing.CapturedLog;
import ai.honeyhive.transport.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read client's retries, against a real server that misbehaves on purpose: the same loop as
 * the exporter's, waited for on the caller's thread.
 */
@Timeout(30)
class ClientRetryTest {
  private static final String KEY = "hh-reader-retry-key-5c2e9a";
  private static final String PAGE = "{\"events\": [{\"event_id\": \"e1\", \"event_type\": \"model\"}], \"totalEvents\": 1}";

  private final StandInServer server = StandInServer.start();
  private HoneyHiveClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private HoneyHiveClient client(ExportSettingsBuilder export) {
    client = HoneyHiveClient.create(HoneyHiveConfig.builder()
        .apiKey(KEY).project("p").apiUrl(server.url().toString()).export(export).build());
    return client;
  }

  private static ExportSettingsBuilder fast() {
    return ExportSettings.builder()
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(20))
        .requestTimeout(Duration.ofSeconds(5));
  }

  private static EventQuery query() {
    return EventQuery.builder().project("p").build();
  }

  @Test
  void aTooManyRequestsIsWaitedOutAsRetryAfterAsksThenTheDataReturns() {
    server.answerNext(Fault.status(429).withHeader("Retry-After", "1"), Fault.json(200, PAGE));

    EventPage page = client(fast()).queryEvents(query());

    assertThat(page.events()).extracting(Event::eventId).containsExactly("e1");
    List<ReceivedRequest> x = server.requests();
    assertThat(x).hasSize(2);
    assertThat(Duration.ofNanos(x.get(1).receivedNanos() - x.get(0).receivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aServerErrorThenSuccessReturnsTheSession() {
    server.answerNext(Fault.serverError(), Fault.json(200, "{\"session_id\": \"s1\", \"event_type\": \"session\"}"));

    Event session = client(fast()).getSession("s1");

    assertThat(session.sessionId()).isEqualTo("s1");
    assertThat(server.requests()).extracting(ReceivedRequest::path).containsExactly("/session/s1", "/session/s1");
  }

  @Test
  void aRejectedKeyFailsAtOnceNamingTheSettingAndTheKeyIsInNoLogOrMessage() {
    server.answerNext(Fault.json(401, "{\"message\": \"invalid key " + KEY + "\"}"));
    HoneyHiveClient c = client(fast());

    ApiException e;
    try (CapturedLog log = CapturedLog.start()) {
      e = catchThrowableOfType(ApiException.class, () -> c.queryEvents(query()));
      assertThat(log.text()).doesNotContain(KEY);
    }

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.request()).isEqualTo("POST /events/export");
    assertThat(e.getMessage()).contains("HTTP 401").contains("HH_API_KEY").doesNotContain(KEY);
    assertThat(e.serverMessage()).hasValueSatisfying(m -> assertThat(m).contains("invalid key").doesNotContain(KEY));
    assertThat(String.valueOf(e)).doesNotContain(KEY);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aForbiddenProjectIsNotRetriedEither() {
    server.answerNext(Fault.status(403));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client(fast()).queryEvents(query()));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.getMessage()).contains("HH_API_KEY").contains("project");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aRetryAfterLongerThanTheBudgetFailsAtOnceSayingWhatTheServerAsked() {
    server.answerAll(Fault.status(429).withHeader("Retry-After", "3600"));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client(fast().maxRetryElapsed(Duration.ofSeconds(5))).queryEvents(query()));

    assertThat(e.status()).isEqualTo(429);
    assertThat(e.getMessage()).contains("after 1 attempt:").contains("HTTP 429")
        .contains("the server asked to retry after 3600 s").contains("no retry time left within 5000 ms");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void theRetryBudgetEndsTheAttemptsBeforeTheirCountDoes() {
    server.answerAll(Fault.status(503));

    // the budget counts from before the client's first request (its start, on a cold JVM): long
    // enough that a slow start still leaves room for retries
    HoneyHiveClient c = client(fast().maxAttempts(100)
        .initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(100)).maxRetryElapsed(Duration.ofSeconds(2)));

    ApiException e = catchThrowableOfType(ApiException.class, () -> c.queryEvents(query()));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.getMessage()).contains("no retry time left within 2000 ms");
    // 2 s of waits of at least 25 ms each: fewer attempts than the 100 allowed
    assertThat(server.requests().size()).isBetween(2, 81);
  }

  @Test
  void aHungRequestIsCutAtTheRequestTimeoutAndSentAgain() {
    server.answerNext(Fault.noAnswer(), Fault.json(200, PAGE));

    // long enough that the second attempt, on a new connection, is not cut too on a slow machine
    EventPage page = client(fast().requestTimeout(Duration.ofSeconds(2))).queryEvents(query());

    assertThat(page.events()).hasSize(1);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void requestsThatAlwaysHangFailNamingTheTimeoutSetting() {
    server.answerAll(Fault.noAnswer());

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client(fast().maxAttempts(2).requestTimeout(Duration.ofMillis(200))).queryEvents(query()));

    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).contains("after 2 attempts").contains("no complete response within 200 ms")
        .contains("HH_HTTP_REQUEST_TIMEOUT_MS");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void connectionResetsAreRetried() {
    server.answerNext(Fault.reset(), Fault.closeWithoutAnswer(), Fault.json(200, PAGE));

    assertThat(client(fast()).queryEvents(query()).events()).hasSize(1);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void interruptingTheWaitingCallerEndsTheCallAndKeepsTheInterrupt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answerAll(Fault.noAnswerUntil(release));
    HoneyHiveClient c = client(fast().requestTimeout(Duration.ofSeconds(20)));
    CompletableFuture<Object[]> seen = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      ApiException e = catchThrowableOfType(ApiException.class, () -> c.queryEvents(query()));
      seen.complete(new Object[] {e, Thread.currentThread().isInterrupted()});
    });
    caller.start();
    org.awaitility.Awaitility.await().until(() -> !server.requests().isEmpty());

    caller.interrupt();

    Object[] result = seen.get(10, TimeUnit.SECONDS);
    release.countDown();
    assertThat(((ApiException) result[0]).getMessage()).contains("interrupted");
    assertThat((Boolean) result[1]).isTrue();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void closingTheClientEndsACallWaitingForItsNextAttempt() throws Exception {
    server.answerAll(Fault.status(503).withHeader("Retry-After", "20"));
    HoneyHiveClient c = client(fast());
    CompletableFuture<ApiException> seen = new CompletableFuture<>();
    new Thread(() -> seen.complete(catchThrowableOfType(ApiException.class, () -> c.queryEvents(query())))).start();
    server.awaitRequests(1, Duration.ofSeconds(10));

    c.close();

    ApiException e = seen.get(10, TimeUnit.SECONDS);
    assertThat(e.getMessage()).contains("after 1 attempt").contains("the client is closed");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aClosedClientFailsWithoutARequest() {
    HoneyHiveClient c = client(fast());
    c.close();

    ApiException e = catchThrowableOfType(ApiException.class, () -> c.queryEvents(query()));

    assertThat(e.getMessage()).contains("closed");
    assertThat(server.requests()).isEmpty();
  }
}
