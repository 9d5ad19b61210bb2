package ai.honeyhive.transport.http.internal;

import static ai.honeyhive.testing.TestSessions.eventIds;
import static ai.honeyhive.testing.TestSessions.session;
import static ai.honeyhive.testing.TestSessions.sessions;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.ExportSettingsBuilder;
import ai.honeyhive.transport.export.internal.BatchingSessionProcessor;
import ai.honeyhive.test.Fault;
import ai.honeyhive.test.StandInServer;
import ai.honeyhive.transport.export.ExportStats;
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

/** The batching processor in front of the HTTP exporter, against a real local server. */
@Timeout(60)
class BatchedDeliveryTest {
  private final StandInServer server = StandInServer.start();
  private final CountDownLatch release = new CountDownLatch(1);
  private BatchingSessionProcessor processor;

  @AfterEach
  void tearDown() {
    release.countDown();
    if (processor != null) {
      processor.shutdown(Duration.ofSeconds(5));
    }
    server.close();
  }

  private BatchingSessionProcessor processor(ExportSettingsBuilder settings) {
    ExportSettings s = settings.build();
    HttpExporter exporter = HttpExporter.builder()
        .apiKey(HttpExporterTest.KEY).apiUrl(server.url()).settings(s).build();
    processor = BatchingSessionProcessor.builder(exporter).settings(s).build();
    return processor;
  }

  @Test
  void nSessionsAreDeliveredExactlyOnceThroughFailures() {
    server.answerNext(Fault.status(500), Fault.status(503), Fault.status(429).withHeader("Retry-After", "0"),
        Fault.reset(), Fault.noAnswerUntil(release));
    server.answerNext(Fault.partial(2));
    server.answerNext(Fault.closeWithoutAnswer(), Fault.status(504));
    // a timeout that cuts the request never answered, and no other even when a loaded machine answers slowly
    BatchingSessionProcessor p = processor(HttpExporterTest.fast()
        .requestTimeout(Duration.ofSeconds(3)).maxBatchEvents(16).scheduleDelay(Duration.ofMillis(20)));
    List<BatchRequest> sent = sessions(40, 4);

    sent.forEach(p::onSessionEnd);

    assertThat(p.flush(Duration.ofSeconds(40))).isTrue();
    assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(sent));
    ExportStats s = p.stats();
    assertThat(s.queued()).isEqualTo(160);
    assertThat(s.sent()).isEqualTo(160);
    assertThat(s.failed()).isZero();
    assertThat(s.retries()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void dropsAreCountedExactlyWhileTheServerIsDown() throws Exception {
    server.answerAll(Fault.noAnswerUntil(release));
    BatchingSessionProcessor p = processor(HttpExporterTest.fast()
        .requestTimeout(Duration.ofSeconds(30)).responseTimeout(Duration.ofSeconds(30))
        .queueCapacity(20).maxBatchEvents(5).scheduleDelay(Duration.ofMillis(1)).maxConcurrentRequests(1));
    p.onSessionEnd(session(5));
    server.awaitRequests(1, Duration.ofSeconds(10)); // the only slot is now held by the hanging request

    List<BatchRequest> accepted = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      BatchRequest s = session(2);
      p.onSessionEnd(s);
      accepted.add(s); // 20 events: the queue is full
    }
    for (int i = 0; i < 6; i++) {
      p.onSessionEnd(session(4)); // 24 events dropped
    }

    ExportStats during = p.stats();
    assertThat(during.queued()).isEqualTo(25);
    assertThat(during.droppedQueueFull()).isEqualTo(24);

    server.answerNormally();
    release.countDown(); // the hanging request ends without an answer and is retried
    assertThat(p.flush(Duration.ofSeconds(30))).isTrue();
    ExportStats after = p.stats();
    assertThat(after.sent()).isEqualTo(25);
    assertThat(after.droppedQueueFull()).isEqualTo(24);
    assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsAll(eventIds(accepted)).hasSize(25);
  }

  @Test
  void completingASessionDoesNotWaitWhileTheServerStalls() throws Exception {
    server.answerAll(Fault.noAnswerUntil(release));
    BatchingSessionProcessor p = processor(HttpExporterTest.fast()
        .requestTimeout(Duration.ofSeconds(30)).responseTimeout(Duration.ofSeconds(30))
        .scheduleDelay(Duration.ofMillis(1)));
    p.onSessionEnd(session(1));
    server.awaitRequests(1, Duration.ofSeconds(10));

    CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 50; i++) {
        p.onSessionEnd(session(3));
      }
    });

    caller.get(5, TimeUnit.SECONDS);
    assertThat(release.getCount()).as("the request still hangs").isEqualTo(1);
    assertThat(server.createdEventIds()).isEmpty();
  }

  @Test
  void shutdownDeliversEverythingQueued() {
    BatchingSessionProcessor p = processor(HttpExporterTest.fast().scheduleDelay(Duration.ofMinutes(10)));
    List<BatchRequest> sent = sessions(25, 3);
    sent.forEach(p::onSessionEnd);

    assertThat(p.shutdown(Duration.ofSeconds(20))).isTrue();

    assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(sent));
    assertThat(p.stats().lost()).isZero();
  }

  @Test
  void shutdownIsBoundedInTimeWhenTheServerHangs() {
    server.answerAll(Fault.noAnswerUntil(release));
    BatchingSessionProcessor p = processor(HttpExporterTest.fast()
        .requestTimeout(Duration.ofSeconds(30)).responseTimeout(Duration.ofSeconds(30)));
    p.onSessionEnd(session(3));
    p.onSessionEnd(session(2));

    long start = System.nanoTime();
    p.shutdown(Duration.ofMillis(500));

    // the in-flight request was cut within the shutdown budget (tried again, then given up on):
    // shutdown did not wait the 30 s request timeout
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> p.stats().failed() == 5);
    assertThat(p.stats().sent()).isZero();
  }
}
