package ai.honeyhive.transport.http.internal;

import static ai.honeyhive.testing.TestSessions.eventIds;
import static ai.honeyhive.testing.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.test.Fault;
import ai.honeyhive.test.StandInServer;
import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the HTTP exporter cuts at exit ({@link HttpExporter#finishWithin}), against a stand-in that
 * records each batch when it arrives, as the API does: a request that is merely slow is let finish
 * (cutting it would have the server create its events twice), one that hangs is still cut in time
 * to be sent once more within the budget.
 */
@Timeout(60)
class ExitCutTest {
  /** The slow API's answer time, and the shutdown budget: 3 x SLOW > BUDGET, so halving the time left cuts. */
  private static final Duration SLOW = Duration.ofMillis(3000);
  private static final Duration BUDGET = Duration.ofSeconds(8);

  private final StandInServer server = StandInServer.start();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<HttpExporter> exporters = new ArrayList<>();

  @AfterEach
  void tearDown() {
    release.countDown();
    exporters.forEach(HttpExporter::shutdown);
    server.close();
  }

  private HttpExporter exporter() {
    HttpExporter e = HttpExporter.builder().apiKey(HttpExporterTest.KEY).apiUrl(server.url())
        .settings(HttpExporterTest.fast().requestTimeout(Duration.ofSeconds(30))
            .responseTimeout(Duration.ofSeconds(30)).build())
        .build();
    exporters.add(e);
    return e;
  }

  @Test
  void aSlowApiIsNotCutAtExitSoEveryEventArrivesOnce() throws Exception {
    server.answerAll(Fault.delay(SLOW));
    HttpExporter exporter = exporter();
    BatchRequest inFlight = session(3);
    BatchRequest later = session(2);
    CompletableFuture<Void> first = exporter.export(List.of(inFlight));
    server.awaitRequests(1, Duration.ofSeconds(10)); // recorded by the API, answer still to come

    exporter.finishWithin(BUDGET);
    first.get(20, TimeUnit.SECONDS);
    // sent as the processor sends what is still queued at exit: when a slot frees up, well into the budget
    CompletableFuture<Void> second = exporter.export(List.of(later));
    Throwable failed = second.handle((v, e) -> e).get(20, TimeUnit.SECONDS);

    assertThat(server.createdEventIds()).as("every event created exactly once")
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(List.of(inFlight, later)));
    assertThat(server.batchRequests()).as("no request sent twice").hasSize(2);
    assertThat(exporter.retryCount()).isZero();
    assertThat(failed).isNull();
  }

  @Test
  void aRequestThatHangsAtExitIsCutAndSentOnceMoreWithinTheBudget() throws Exception {
    server.failNext(Fault.noAnswerUntil(release), Fault.delay(SLOW)); // then answers at once
    HttpExporter exporter = exporter();
    BatchRequest hung = session(3);
    BatchRequest slow = session(2);
    CompletableFuture<Void> hanging = exporter.export(List.of(hung));
    server.awaitRequests(1, Duration.ofSeconds(10));
    CompletableFuture<Void> answered = exporter.export(List.of(slow));
    server.awaitRequests(2, Duration.ofSeconds(10));

    exporter.finishWithin(BUDGET);
    // waited for as the processor waits at exit: until the budget is spent, then it shuts the exporter down
    Throwable failed = hanging.handle((v, e) -> e).get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    answered.get(20, TimeUnit.SECONDS);

    assertThat(failed).as("the hung request was resent and delivered").isNull();
    assertThat(server.batchRequests()).as("the hung request went twice, the slow one once").hasSize(3);
    assertThat(server.createdEventIds())
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(List.of(hung, slow)));
    assertThat(exporter.retryCount()).isEqualTo(1);
  }

  private static final long S = TimeUnit.SECONDS.toNanos(1);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void aRequestUnansweredForATypicalRoundTripIsCutWhenTwoRoundTripsAreLeft() {
    // budget 10 s, typical answer 300 ms: the reserve point is 600 ms before the end
    assertThat(HttpExporter.exitDeadline(0, 10 * S, 10 * S, 300 * MS)).isEqualTo(9400 * MS);
    assertThat(HttpExporter.exitDeadline(9100 * MS, 10 * S, 10 * S, 300 * MS)).isEqualTo(9400 * MS);
  }

  @Test
  void aRequestSentWithinATypicalRoundTripOfTheReservePointRunsToTheEnd() {
    assertThat(HttpExporter.exitDeadline(9200 * MS, 10 * S, 10 * S, 300 * MS)).isEqualTo(10 * S);
    // a resend after the reserve point: there is no later
    assertThat(HttpExporter.exitDeadline(9500 * MS, 10 * S, 10 * S, 300 * MS)).isEqualTo(10 * S);
  }

  @Test
  void theReserveIsAtLeastAQuarterSecondAndAtMostHalfTheBudget() {
    assertThat(HttpExporter.exitDeadline(0, 10 * S, 10 * S, 5 * MS)).isEqualTo(10 * S - HttpExporter.MIN_RESERVE_NANOS);
    assertThat(HttpExporter.exitDeadline(0, 4 * S, 4 * S, 1500 * MS)).isEqualTo(2 * S);
    assertThat(HttpExporter.exitDeadline(0, 200 * MS, 200 * MS, 1 * MS)).isEqualTo(100 * MS);
  }

  @Test
  void aBudgetShortForTheRoundTripStillCutsARequestThatWaitedHalfTheReserve() {
    // 1 s budget, 1 s typical (the guess before any answer): cut at half the budget, as a hang may be resent in it
    assertThat(HttpExporter.exitDeadline(0, 1 * S, 1 * S, 1 * S)).isEqualTo(500 * MS);
    assertThat(HttpExporter.exitDeadline(300 * MS, 1 * S, 1 * S, 1 * S)).isEqualTo(1 * S);
  }

  @Test
  void theTypicalRoundTripIsTheLongestOfTheLastFewSuccessesAndAGuessBeforeAny() {
    RoundTrips r = new RoundTrips(Duration.ofSeconds(30));
    assertThat(r.typical()).isEqualTo(RoundTrips.UNKNOWN.toNanos());
    assertThat(new RoundTrips(Duration.ofMillis(400)).typical()).isEqualTo(400 * MS);

    assertThat(r.record(200 * MS)).isTrue();
    assertThat(r.record(900 * MS)).isTrue();
    assertThat(r.record(100 * MS)).isFalse();
    assertThat(r.typical()).isEqualTo(900 * MS);
    for (int i = 0; i < RoundTrips.WINDOW - 1; i++) {
      r.record(100 * MS);
    }
    assertThat(r.typical()).as("900 ms left the window").isEqualTo(100 * MS);
  }
}
