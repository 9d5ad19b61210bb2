package ai.honeyhive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.Context;
import ai.honeyhive.Scope;
import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import ai.honeyhive.TestTracers;
import ai.honeyhive.Tracer;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tasks handed to a wrapped executor hold their session open after its root ended; when the
 * first of them completes past the batch delay, only the root has ended, and the root never
 * leaves early (the session's record is taken from it): there is nothing to send yet, and no
 * piece goes out.
 */
@Timeout(30)
class HandOffsAfterRootEndTest {

  @Test
  void aSessionHeldByTasksAfterItsRootEndedSendsNoEmptyPiece() throws Exception {
    InMemoryExporter exporter = new InMemoryExporter();
    Tracer tracer = Tracer.builder()
        .config(HoneyHiveConfig.builder().project("p")
            .export(ExportSettings.builder().scheduleDelay(Duration.ofMillis(1))).build())
        .settings(TestTracers.settings()).synchronousExporter(exporter).build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try {
      Span root = tracer.startSpan(SpanKind.CHAIN, "root");
      Executor wrapped;
      try (Scope s = TraceContext.current().session().handle().makeCurrent()) {
        wrapped = Context.current().wrap(pool);   // tasks held by the session, under no event
      }
      wrapped.execute(() -> awaitQuietly(release));
      wrapped.execute(() -> { });
      root.end();
      Thread.sleep(5);   // not synchronisation: the batch delay (1 ms) has to pass before the next hold is dropped
      release.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      tracer.shutdown(Duration.ofSeconds(5));
    }

    assertThat(exporter.batches()).as("pieces sent").hasSize(1)
        .allSatisfy(b -> assertThat(b.events()).as("events of a piece").isNotEmpty());
    BatchRequest only = exporter.batches().get(0);
    assertThat(only.events()).extracting(e -> e.eventName()).containsExactly("root");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
