package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.ExportStats;
import static ai.honeyhive.testing.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The queue is bounded in estimated bytes as well as events; a session is kept or dropped whole. */
@Timeout(30)
class QueueByteLimitTest {

  /** One slot, held until the test completes it: whatever comes next waits in the queue. */
  static final class HeldExporter implements EventExporter {
    final CompletableFuture<Void> held = new CompletableFuture<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
      return calls.getAndIncrement() == 0 ? held : CompletableFuture.completedFuture(null);
    }
  }

  /** A session that says how big it is without being assembled. */
  private static CompletedSession sized(BatchRequest body, long bytes) {
    return new CompletedSession() {
      @Override
      public int eventCount() {
        return body.events().size();
      }

      @Override
      public BatchRequest toBatchRequest() {
        return body;
      }

      @Override
      public long estimatedBytes() {
        return bytes;
      }
    };
  }

  @Test
  void aSessionThatWouldPassTheByteLimitIsDroppedWholeAndCounted() {
    HeldExporter exporter = new HeldExporter();
    BatchingSessionProcessor p = BatchingSessionProcessor.builder(exporter)
        .queueCapacity(10_000).maxBatchEvents(2).queueMaxBytes(100_000).scheduleDelay(Duration.ofMillis(1)).build();
    try {
      p.onSessionEnd(sized(session(2), 10));
      await().atMost(Duration.ofSeconds(10)).until(() -> exporter.calls.get() == 1); // the slot is now held

      p.onSessionEnd(sized(session(3), 60_000));
      p.onSessionEnd(sized(session(3), 30_000));
      p.onSessionEnd(sized(session(4), 20_000)); // 110,000 bytes: over the limit, dropped whole
      p.onSessionEnd(sized(session(1), 10_000)); // fits again

      ExportStats during = p.stats();
      assertThat(during.queued()).isEqualTo(2 + 3 + 3 + 1);
      assertThat(during.droppedQueueFull()).isEqualTo(4);

      exporter.held.complete(null);
      assertThat(p.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(p.stats().sent()).isEqualTo(9);
      assertThat(p.stats().droppedQueueFull()).isEqualTo(4);
    } finally {
      exporter.held.complete(null);
      p.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void anEmptyQueueTakesASessionLargerThanTheLimit() {
    HeldExporter exporter = new HeldExporter();
    exporter.held.complete(null);
    BatchingSessionProcessor p = BatchingSessionProcessor.builder(exporter).queueMaxBytes(1024).build();
    try {
      p.onSessionEnd(sized(session(2), 1_000_000));
      assertThat(p.stats().queued()).isEqualTo(2);
      assertThat(p.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(p.stats().sent()).isEqualTo(2);
    } finally {
      p.shutdown(Duration.ofSeconds(5));
    }
  }
}
