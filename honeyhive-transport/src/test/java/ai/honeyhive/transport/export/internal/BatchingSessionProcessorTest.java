package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.ExportStats;
import ai.honeyhive.transport.export.ExportException;
import static ai.honeyhive.testing.TestSessions.eventIds;
import static ai.honeyhive.testing.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.testing.CapturedLog;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BatchingSessionProcessorTest {
  private static final Duration LONG = Duration.ofMinutes(10);

  private final RecordingExporter exporter = new RecordingExporter();
  private final List<BatchingSessionProcessor> processors = new ArrayList<>();

  @AfterEach
  void tearDown() {
    exporter.unblock();
    processors.forEach(p -> p.shutdown(Duration.ofSeconds(5)));
  }

  private BatchingSessionProcessor processor(Function<BatchingSessionProcessor.Builder, BatchingSessionProcessor.Builder> settings) {
    BatchingSessionProcessor p = settings.apply(BatchingSessionProcessor.builder(exporter)).build();
    processors.add(p);
    return p;
  }

  @Test
  void exportsAsSoonAsABatchIsFull() {
    BatchingSessionProcessor p = processor(b -> b.maxBatchEvents(6).scheduleDelay(LONG));

    p.onSessionEnd(session(3));
    p.onSessionEnd(session(3));

    await().atMost(Duration.ofSeconds(10)).until(() -> exporter.calls().size() == 1);
    assertThat(exporter.calls().get(0)).hasSize(2);
  }

  @Test
  void exportsWhatWaitedForTheScheduleDelay() {
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(Duration.ofMillis(50)));

    p.onSessionEnd(session(1));

    await().atMost(Duration.ofSeconds(10)).until(() -> exporter.events().size() == 1);
  }

  @Test
  void nothingIsSentBeforeTheDelayWhileTheBatchIsNotFull() throws Exception {
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(LONG));

    p.onSessionEnd(session(2));
    Thread.sleep(200); // a negative check: nothing may happen within any reasonable time

    assertThat(exporter.calls()).isEmpty();
    assertThat(p.stats().pending()).isEqualTo(2);
  }

  @Test
  void flushDeliversEverythingQueuedBeforeIt() {
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(LONG));
    List<BatchRequest> sessions = List.of(session(2), session(1), session(4));
    sessions.forEach(p::onSessionEnd);

    assertThat(p.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(exporter.eventIds()).containsExactlyElementsOf(eventIds(sessions));
    assertThat(p.stats().sent()).isEqualTo(7);
    assertThat(p.stats().pending()).isZero();
  }

  @Test
  void flushWithNothingQueuedReturnsAtOnce() {
    BatchingSessionProcessor p = processor(b -> b);
    assertThat(p.flush(Duration.ZERO)).isTrue();
  }

  @Test
  void flushSaysFalseWhenTheExporterDoesNotFinishInTime() {
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(LONG));
    exporter.block();
    p.onSessionEnd(session(1));

    assertThat(p.flush(Duration.ofMillis(100))).isFalse();

    exporter.unblock();
    assertThat(p.flush(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void theCallerNeverWaitsForTheExporter() throws Exception {
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(Duration.ofMillis(1)));
    exporter.block();
    p.onSessionEnd(session(1));
    exporter.awaitCall();

    CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 100; i++) {
        p.onSessionEnd(session(1));
      }
    });

    caller.get(5, TimeUnit.SECONDS); // returned while the exporter is still blocked
    assertThat(exporter.blocked()).isTrue();
  }

  @Test
  void dropsAreCountedExactlyWhenTheQueueIsFull() throws Exception {
    BatchingSessionProcessor p = processor(b -> b.queueCapacity(10).maxBatchEvents(5).scheduleDelay(Duration.ofMillis(1)));
    exporter.block();
    p.onSessionEnd(session(2));
    exporter.awaitCall(); // the worker holds that session; the queue is empty again

    try (CapturedLog log = CapturedLog.start()) {
      for (int i = 0; i < 5; i++) {
        p.onSessionEnd(session(2)); // fills the queue: 10 events
      }
      for (int i = 0; i < 7; i++) {
        p.onSessionEnd(session(3)); // each dropped
      }
      p.onSessionEnd(session(1)); // dropped too: not even one more event fits

      ExportStats s = p.stats();
      assertThat(s.queued()).isEqualTo(12);
      assertThat(s.droppedQueueFull()).isEqualTo(22);
      assertThat(log.linesContaining("export queue is full")).isEqualTo(1);
    }
    exporter.unblock();
    assertThat(p.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(p.stats().sent()).isEqualTo(12);
    assertThat(exporter.events()).hasSize(12);
  }

  @Test
  void anEmptyQueueTakesASessionLargerThanItsCapacity() {
    BatchingSessionProcessor p = processor(b -> b.queueCapacity(4).maxBatchEvents(4));

    p.onSessionEnd(session(9));

    assertThat(p.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(exporter.events()).hasSize(9);
    assertThat(p.stats().droppedQueueFull()).isZero();
  }

  @Test
  void shutdownDeliversWhatIsQueuedThenShutsTheExporterDown() {
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(LONG));
    List<BatchRequest> sessions = List.of(session(3), session(2));
    sessions.forEach(p::onSessionEnd);

    assertThat(p.shutdown(Duration.ofSeconds(10))).isTrue();

    assertThat(exporter.eventIds()).containsExactlyElementsOf(eventIds(sessions));
    assertThat(exporter.shutdownCalls.get()).isEqualTo(1);
  }

  @Test
  void afterShutdownSessionsAreDroppedAndCountedWithoutAnException() {
    BatchingSessionProcessor p = processor(b -> b);
    p.shutdown(Duration.ofSeconds(5));

    p.onSessionEnd(session(4));

    assertThat(p.stats().droppedAfterShutdown()).isEqualTo(4);
    assertThat(p.stats().queued()).isZero();
    assertThat(exporter.calls()).isEmpty();
  }

  @Test
  void shutdownIsIdempotent() {
    BatchingSessionProcessor p = processor(b -> b);
    p.onSessionEnd(session(1));

    assertThat(p.shutdown(Duration.ofSeconds(5))).isTrue();
    assertThat(p.shutdown(Duration.ofSeconds(5))).isTrue();
    assertThat(exporter.shutdownCalls.get()).isEqualTo(1);
  }

  @Test
  void shutdownThatRunsOutOfTimeSaysFalseAndLogsWhatWasLost() throws Exception {
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(Duration.ofMillis(1)));
    exporter.block();
    p.onSessionEnd(session(2));
    exporter.awaitCall();
    p.onSessionEnd(session(3));

    try (CapturedLog log = CapturedLog.start()) {
      assertThat(p.shutdown(Duration.ofMillis(200))).isFalse();
      assertThat(log.linesContaining("HoneyHive export at shutdown")).isEqualTo(1);
      assertThat(log.text()).contains("pending 5");
    }
  }

  @Test
  void noSummaryIsLoggedWhenNothingWasLost() {
    BatchingSessionProcessor p = processor(b -> b);
    p.onSessionEnd(session(2));
    try (CapturedLog log = CapturedLog.start()) {
      p.shutdown(Duration.ofSeconds(5));
      assertThat(log.text()).doesNotContain("HoneyHive export at shutdown");
    }
  }

  @Test
  void eventsTheExporterGivesUpOnAreCountedAsFailed() {
    exporter.result = batches -> CompletableFuture.failedFuture(new ExportException("gave up", 2));
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(LONG));
    p.onSessionEnd(session(3));
    p.onSessionEnd(session(2));

    p.flush(Duration.ofSeconds(10));

    ExportStats s = p.stats();
    assertThat(s.failed()).isEqualTo(2);
    assertThat(s.sent()).isEqualTo(3);
    assertThat(s.lost()).isEqualTo(2);
  }

  @Test
  void anExporterThatThrowsFailsTheWholeBatchAndTheWorkerCarriesOn() {
    AtomicInteger calls = new AtomicInteger();
    exporter.result = batches -> {
      if (calls.getAndIncrement() == 0) {
        throw new IllegalStateException("boom");
      }
      return CompletableFuture.completedFuture(null);
    };
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(LONG));
    p.onSessionEnd(session(2));
    p.flush(Duration.ofSeconds(10));
    p.onSessionEnd(session(3));
    p.flush(Duration.ofSeconds(10));

    assertThat(p.stats().failed()).isEqualTo(2);
    assertThat(p.stats().sent()).isEqualTo(3);
  }

  @Test
  void batchesRespectTheEventLimit() {
    BatchingSessionProcessor p = processor(b -> b.maxBatchEvents(5).scheduleDelay(LONG));
    for (int i = 0; i < 6; i++) {
      p.onSessionEnd(session(2));
    }
    p.flush(Duration.ofSeconds(10));

    for (List<BatchRequest> call : exporter.calls()) {
      assertThat(call.stream().mapToInt(b -> b.events().size()).sum()).isLessThanOrEqualTo(5);
    }
    assertThat(exporter.events()).hasSize(12);
  }

  @Test
  void aLargeSessionIsSplitIntoRequestsThatKeepEveryEventAndLink() throws Exception {
    BatchRequest big = session(60, 400);
    long maxBytes = 8_000;
    assertThat(JsonMappers.mapper().writeValueAsBytes(big).length).isGreaterThan((int) maxBytes * 3);
    BatchingSessionProcessor p = processor(b -> b.maxBatchBytes(maxBytes).scheduleDelay(LONG));

    p.onSessionEnd(big);
    p.flush(Duration.ofSeconds(10));

    List<BatchRequest> requests = exporter.batches();
    assertThat(requests.size()).isGreaterThan(3);
    for (BatchRequest r : requests) {
      assertThat(JsonMappers.mapper().writeValueAsBytes(r).length).isLessThanOrEqualTo((int) maxBytes);
      assertThat(r.sessionId()).isEqualTo(big.sessionId());
      assertThat(r.isSingleSession()).isTrue();
      assertThat(r.events()).allSatisfy(e -> assertThat(e.sessionId()).isEqualTo(big.sessionId()));
    }
    for (List<BatchRequest> call : exporter.calls()) {
      long bytes = 0;
      for (BatchRequest r : call) {
        bytes += JsonMappers.mapper().writeValueAsBytes(r).length;
      }
      assertThat(bytes).isLessThanOrEqualTo(maxBytes);
    }
    // every event once, in order, unchanged: ids, parents and children all as they were
    assertThat(exporter.events()).containsExactlyElementsOf(big.events());
    assertThat(requests.get(0).sessionProperties()).isEqualTo(big.sessionProperties());
    for (BatchRequest r : requests.subList(1, requests.size())) {
      assertThat(r.sessionProperties()).isEqualTo(SessionProperties.ofId(big.sessionId()));
    }
    assertThat(p.stats().sent()).isEqualTo(60);
  }

  @Test
  void aSessionWithMoreEventsThanABatchIsSplitByCount() {
    BatchRequest big = session(23);
    BatchingSessionProcessor p = processor(b -> b.maxBatchEvents(10).scheduleDelay(LONG));

    p.onSessionEnd(big);
    p.flush(Duration.ofSeconds(10));

    assertThat(exporter.batches()).extracting(b -> b.events().size()).containsExactly(10, 10, 3);
    assertThat(exporter.events()).containsExactlyElementsOf(big.events());
  }

  @Test
  void anEventTooLargeForAnyRequestIsKeptWithItsPayloadReplaced() throws Exception {
    BatchRequest s = session(3);
    Event huge = s.events().get(1).toBuilder().inputs(Map.of("text", "y".repeat(20_000))).build();
    BatchRequest withHuge = new BatchRequest(List.of(s.events().get(0), huge, s.events().get(2)),
        true, s.sessionProperties());
    BatchingSessionProcessor p = processor(b -> b.maxBatchBytes(5_000).scheduleDelay(LONG));

    p.onSessionEnd(withHuge);
    p.flush(Duration.ofSeconds(10));

    List<Event> sent = exporter.events();
    assertThat(sent).extracting(Event::eventId).containsExactlyElementsOf(eventIds(List.of(withHuge)));
    Event truncated = sent.get(1);
    assertThat(truncated.inputs()).isNull();
    assertThat(truncated.parentId()).isEqualTo(huge.parentId());
    assertThat(truncated.childrenIds()).isEqualTo(huge.childrenIds());
    assertThat(truncated.metadata()).containsKey("honeyhive_truncated");
    for (BatchRequest r : exporter.batches()) {
      assertThat(JsonMappers.mapper().writeValueAsBytes(r).length).isLessThanOrEqualTo(5_000);
    }
  }

  @Test
  void manyThreadsCompletingSessionsLoseNothing() throws Exception {
    BatchingSessionProcessor p = processor(b -> b.queueCapacity(100_000).maxBatchEvents(50).scheduleDelay(Duration.ofMillis(5)));
    int threads = 4;
    int each = 250;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(CompletableFuture.runAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < each; i++) {
          p.onSessionEnd(session(1 + i % 3));
        }
      }, r -> new Thread(r).start()));
    }
    start.countDown();
    CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);

    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    ExportStats s = p.stats();
    assertThat(s.sent()).isEqualTo(s.queued()).isEqualTo(exporter.events().size());
    assertThat(exporter.events()).extracting(Event::eventId).doesNotHaveDuplicates();
    assertThat(s.droppedQueueFull()).isZero();
  }

  @Test
  void theWorkerIsOneNamedDaemonThread() throws Exception {
    BatchingSessionProcessor p = processor(b -> b.scheduleDelay(LONG));
    p.onSessionEnd(session(1));
    p.flush(Duration.ofSeconds(10));

    Thread worker = exporter.threads.get(0);
    assertThat(worker.getName()).isEqualTo("honeyhive-batch-exporter");
    assertThat(worker.isDaemon()).isTrue();
    assertThat(exporter.threads).containsOnly(worker);
  }

  @Test
  void invalidSizesAreRejectedWithAMessage() {
    BatchingSessionProcessor.Builder b = BatchingSessionProcessor.builder(exporter);
    assertThat(catchThrowable(() -> b.maxBatchBytes(6_000_000)))
        .hasMessageContaining("maxBatchBytes must be between 1024 and 5000000");
    assertThat(catchThrowable(() -> b.queueCapacity(0)))
        .hasMessageContaining("queueCapacity must be at least 1");
    assertThat(catchThrowable(() -> b.queueCapacity(10).maxBatchEvents(20).build()))
        .hasMessageContaining("maxBatchEvents (20) must not exceed queueCapacity (10)");
  }

  /** Records every export call; can block the worker in it, and told how to answer. */
  static final class RecordingExporter implements EventExporter {
    private final List<List<BatchRequest>> calls = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger shutdownCalls = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch firstCall = new CountDownLatch(1);
    private volatile boolean blocked;
    volatile Function<Collection<BatchRequest>, CompletableFuture<Void>> result =
        batches -> CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
      threads.add(Thread.currentThread());
      blocked = true; // before the latch: a test that awaited the call may check it at once
      firstCall.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        blocked = false;
      }
      calls.add(List.copyOf(batches));
      return result.apply(batches);
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      shutdownCalls.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }

    void block() {
      gate = new CountDownLatch(1);
    }

    void unblock() {
      gate.countDown();
    }

    boolean blocked() {
      return blocked;
    }

    void awaitCall() throws InterruptedException {
      assertThat(firstCall.await(10, TimeUnit.SECONDS)).as("the exporter was called").isTrue();
    }

    List<List<BatchRequest>> calls() {
      return List.copyOf(calls);
    }

    List<BatchRequest> batches() {
      List<BatchRequest> all = new ArrayList<>();
      calls.forEach(all::addAll);
      return all;
    }

    List<Event> events() {
      List<Event> all = new ArrayList<>();
      for (BatchRequest b : batches()) {
        all.addAll(b.events());
      }
      return all;
    }

    List<String> eventIds() {
      return events().stream().map(Event::eventId).toList();
    }
  }
}
