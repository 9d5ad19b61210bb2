package ai.honeyhive.aspects;

import ai.honeyhive.Context;
import ai.honeyhive.SpanKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Session;
import ai.honeyhive.Span;
import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shutdown waits for sessions in flight within its timeout, delivers them, and exports what is
 * still open when the time is up as it stands, marked incomplete, rather than dropping it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownInFlightTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final Tracer tracer = HoneyHive.install(
      Tracer.builder().config(TracingTestSupport.testConfig()).settings(TracingTestSupport.testSettings())
          .synchronousExporter(exporter).build());

  @AfterEach
  void reinstall() {
    TracingTestSupport.installInMemoryTracer();
  }

  @Test
  void anAsyncSessionCompletingJustAfterShutdownBeganIsStillDelivered() throws Exception {
    Executor direct = Runnable::run;
    AsyncFixtures.Agent agent = new AsyncFixtures.Agent(HoneyHive.taskWrapping(direct));
    CompletableFuture<String> answer = agent.awaitPending("last");
    Thread completer = new Thread(() -> {
      // completes while shutdown is already waiting
      while (tracer.isEnabled()) {
        Thread.onSpinWait();
      }
      agent.pending.complete("done");
    });
    completer.start();

    assertThat(tracer.shutdown(Duration.ofSeconds(10))).isTrue();
    completer.join();
    assertThat(answer.join()).isEqualTo("done");
    assertThat(exporter.batches()).hasSize(1);
    assertThat(exporter.events().get(0).outputs()).containsEntry("result", "done");
  }

  @Test
  void shutdownWaitsLongerThanASecondForACallInFlight() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Thread caller = new Thread(() -> tracer.trace(SpanKind.MODEL, "slow model", Map.of(), span -> {
      started.countDown();
      while (tracer.isEnabled()) {
        Thread.onSpinWait();
      }
      modelLatency(1_500);   // past the old one-second grace
      return "answer";
    }));
    caller.start();
    started.await();

    assertThat(tracer.shutdown(Duration.ofSeconds(10))).isTrue();
    caller.join();
    assertThat(exporter.events()).singleElement().satisfies(e -> {
      assertThat(e.outputs()).containsEntry("result", "answer");
      assertThat(e.metadata()).doesNotContainKey("honeyhive_incomplete");
    });
  }

  @Test
  void lateWorkInASessionThatHadCompletedIsWaitedForLikeAnyCallInFlight() throws Exception {
    Context[] rootContext = new Context[1];
    tracer.trace(SpanKind.CHAIN, "request", Map.of(), span -> {
      rootContext[0] = Context.current();
      return "answered";
    });
    assertThat(exporter.batches()).as("the session completed when its root returned").hasSize(1);

    // work left running under the finished root: it holds the session in flight again
    CountDownLatch started = new CountDownLatch(1);
    Runnable step = () -> tracer.trace(SpanKind.TOOL, "late step", Map.of(), span -> {
      started.countDown();
      while (tracer.isEnabled()) {
        Thread.onSpinWait();
      }
      modelLatency(300);
      return "late result";
    });
    Thread late = new Thread(rootContext[0].wrap(step));
    late.start();
    started.await();

    assertThat(tracer.shutdown(Duration.ofSeconds(10))).isTrue();
    late.join();
    assertThat(exporter.events()).filteredOn(e -> e.eventName().equals("late step")).singleElement().satisfies(e -> {
      assertThat(e.outputs()).containsEntry("result", "late result");
      assertThat(e.metadata()).doesNotContainKey("honeyhive_incomplete");
    });
    assertThat(tracer.incompleteSessionCount()).isZero();
  }

  @Test
  void callsStartedInsideASessionInFlightDuringShutdownAreStillRecorded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Thread caller = new Thread(() -> tracer.trace(SpanKind.CHAIN, "job", Map.of(), span -> {
      started.countDown();
      while (tracer.isEnabled()) {
        Thread.onSpinWait();
      }
      return tracer.trace(SpanKind.TOOL, "step after shutdown began", Map.of(), inner -> "ok");
    }));
    caller.start();
    started.await();

    assertThat(tracer.shutdown(Duration.ofSeconds(10))).isTrue();
    caller.join();
    assertThat(TracingTestSupport.names(exporter.events()))
        .containsExactlyInAnyOrder("job", "step after shutdown began");
    TracingTestSupport.assertConsistentTree(exporter.batches().get(0));
  }

  @Test
  void aSessionLeftOpenIsExportedAsItStandsWithItsOpenEventsMarkedIncomplete() {
    Session forgotten = tracer.startDetachedSession("never closed");
    Span open;
    try (var scope = forgotten.makeCurrent()) {
      tracer.trace(SpanKind.TOOL, "finished step", Map.of(), s -> "done");
      open = tracer.startSpan(SpanKind.MODEL, "never ended");
      open.setOutput("partial");
    }

    boolean delivered = tracer.shutdown(Duration.ofMillis(400));

    assertThat(delivered).as("not everything completed").isFalse();
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertThat(batch.sessionProperties().sessionName()).isEqualTo("never closed");
    Event step = TracingTestSupport.byName(batch, "finished step");
    Event partial = TracingTestSupport.byName(batch, "never ended");
    assertThat(step.metadata()).doesNotContainKey("honeyhive_incomplete");
    assertThat(partial.metadata()).containsEntry("honeyhive_incomplete", true);
    assertThat(partial.outputs()).containsEntry("result", "partial");
    assertThat(partial.endTime()).isNotNull().isGreaterThanOrEqualTo(partial.startTime());
    TracingTestSupport.assertConsistentTree(batch);

    open.end();
    forgotten.close();
    assertThat(exporter.batches()).as("sent once").hasSize(1);
  }

  @Test
  void aTracedJobThatShutsDownFromInsideItsOwnCallKeepsItsSession() {
    String result = tracer.trace(SpanKind.CHAIN, "job", Map.of("n", 1), span -> {
      tracer.trace(SpanKind.TOOL, "work", Map.of(), s -> "w");
      span.setOutput("shutting down");
      tracer.shutdown(Duration.ofSeconds(5));
      return "returned";
    });

    assertThat(result).isEqualTo("returned");
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertThat(TracingTestSupport.names(batch.events())).containsExactlyInAnyOrder("job", "work");
    assertThat(TracingTestSupport.byName(batch, "job").metadata()).containsEntry("honeyhive_incomplete", true);
    assertThat(TracingTestSupport.byName(batch, "job").outputs()).containsEntry("result", "shutting down");
    TracingTestSupport.assertConsistentTree(batch);
  }

  @Test
  void installHandsTheOldTracersOpenSessionsTheirTimeWithoutBlockingTheCaller() {
    Session open = tracer.startDetachedSession("open across install");
    try (var scope = open.makeCurrent()) {
      tracer.trace(SpanKind.TOOL, "before install", Map.of(), s -> "x");
    }

    TracingTestSupport.installInMemoryTracer();

    assertThat(exporter.batches()).as("install returned while the old session was still open").isEmpty();
    open.close();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(TracingTestSupport.names(exporter.events())).containsExactly("before install"));
    assertThat(exporter.batches().get(0).sessionProperties().sessionName()).isEqualTo("open across install");
  }

  /** A model call's latency: the workload, not synchronisation. */
  private static void modelLatency(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
