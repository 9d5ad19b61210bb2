package ai.honeyhive.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Session;
import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.export.SimpleSessionProcessor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shutdown gives sessions already in flight (async work about to complete) a bounded moment to finish. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownInFlightTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final Tracer tracer = HoneyHive.install(
      Tracer.builder().config(TracingTestSupport.testConfig()).processor(new SimpleSessionProcessor(exporter)).build());

  @AfterEach
  void reinstall() {
    TracingTestSupport.installInMemoryTracer();
  }

  @Test
  void anAsyncSessionCompletingJustAfterShutdownBeganIsStillDelivered() throws Exception {
    Executor direct = Runnable::run;
    AsyncFixtures.Agent agent = new AsyncFixtures.Agent(HoneyHive.wrap(direct));
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
  void aSessionLeftOpenDelaysShutdownOnlyBrieflyAndIsReportedAsNotDelivered() {
    Session forgotten = tracer.startSession("never closed");
    long start = System.nanoTime();
    boolean delivered = tracer.shutdown(Duration.ofMillis(400));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(delivered).isFalse();
    assertThat(tookMillis).as("bounded by the timeout").isLessThan(5_000);
    assertThat(exporter.batches()).isEmpty();
    forgotten.close();
  }
}
