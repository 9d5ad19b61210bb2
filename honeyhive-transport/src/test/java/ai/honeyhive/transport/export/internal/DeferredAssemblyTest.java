package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.export.InMemoryExporter;
import static ai.honeyhive.testing.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@link CompletedSession}'s body is assembled by the processor, not by the thread that hands it over. */
@Timeout(30)
class DeferredAssemblyTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final BatchingSessionProcessor processor =
      BatchingSessionProcessor.builder(exporter).scheduleDelay(Duration.ofMillis(20)).build();

  @AfterEach
  void tearDown() {
    processor.shutdown(Duration.ofSeconds(5));
  }

  /** A session that records where, and how often, its body was assembled. */
  private static final class Recorded implements CompletedSession {
    final BatchRequest body;
    final List<String> assembledOn = new CopyOnWriteArrayList<>();
    final RuntimeException failure;

    Recorded(BatchRequest body, RuntimeException failure) {
      this.body = body;
      this.failure = failure;
    }

    @Override
    public int eventCount() {
      return body.events().size();
    }

    @Override
    public BatchRequest toBatchRequest() {
      assembledOn.add(Thread.currentThread().getName());
      if (failure != null) {
        throw failure;
      }
      return body;
    }
  }

  @Test
  void theBatchingProcessorAssemblesOnItsWorkerOnce() {
    Recorded s = new Recorded(session(3), null);

    processor.onSessionEnd(s);
    assertThat(processor.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(s.assembledOn).containsExactly(BatchingSessionProcessor.THREAD_NAME);
    assertThat(exporter.batches()).containsExactly(s.body);
    assertThat(processor.stats().sent()).isEqualTo(3);
  }

  @Test
  void aSessionThatFailsToAssembleCountsAsFailedAndTheWorkerCarriesOn() {
    Recorded broken = new Recorded(session(2), new IllegalStateException("bug in assembly"));
    Recorded fine = new Recorded(session(1), null);

    processor.onSessionEnd(broken);
    processor.onSessionEnd(fine);
    assertThat(processor.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(exporter.batches()).containsExactly(fine.body);
    assertThat(processor.stats().failed()).isEqualTo(2);
    assertThat(processor.stats().sent()).isEqualTo(1);
  }

  @Test
  void theDefaultAssemblesAtOnceOnTheCallingThread() {
    AtomicReference<BatchRequest> received = new AtomicReference<>();
    SessionProcessor simple = new SessionProcessor() {
      @Override
      public void onSessionEnd(BatchRequest session) {
        received.set(session);
      }

      @Override
      public boolean flush(Duration timeout) {
        return true;
      }

      @Override
      public boolean shutdown(Duration timeout) {
        return true;
      }
    };
    Recorded s = new Recorded(session(1), null);

    simple.onSessionEnd(s);

    assertThat(s.assembledOn).containsExactly(Thread.currentThread().getName());
    assertThat(received.get()).isSameAs(s.body);
  }
}
