package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.export.internal.CompletedSession;
import ai.honeyhive.transport.export.internal.SessionProcessor;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A piece of a session handed to the processor just before shutdown cut that session (a processor
 * that takes its time over it, as a synchronous exporter's delivery does) is waited for, within
 * shutdown's timeout, before the processor is shut down: it is delivered, not dropped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandOverAtShutdownTest {
  /**
   * Shutdown waits for the open session until its delivery reserve is left (half of this, at most
   * 2 s), then cuts it: the release right after the cut has that reserve to come in.
   */
  private static final Duration SHUTDOWN = Duration.ofSeconds(4);

  /** Holds the first piece handed to it until released; drops (and counts) what comes after its shutdown. */
  private static final class SlowFirstPiece implements SessionProcessor {
    final CountDownLatch handingOver = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> order = new CopyOnWriteArrayList<>();
    final List<Event> delivered = new CopyOnWriteArrayList<>();
    final List<String> announced = new CopyOnWriteArrayList<>();
    final AtomicInteger droppedAfterShutdown = new AtomicInteger();
    volatile boolean shutDown;

    @Override
    public void onSessionEnd(CompletedSession session) {
      if (handingOver.getCount() > 0) {
        handingOver.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      onSessionEnd(session.toBatchRequest());
    }

    @Override
    public void onSessionEnd(BatchRequest session) {
      if (shutDown) {
        droppedAfterShutdown.addAndGet(session.events().size());
        return;
      }
      order.add("piece of " + session.events().size());
      if (session.sessionProperties().announces()) {
        announced.add(session.sessionProperties().sessionId());
      }
      delivered.addAll(session.events());
    }

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public boolean shutdown(Duration timeout) {
      order.add("shutdown");
      shutDown = true;
      return true;
    }
  }

  @Test
  void aPieceHandedOverAsTheSessionIsCutIsDeliveredBeforeTheProcessorStops() throws Exception {
    SlowFirstPiece processor = new SlowFirstPiece();
    Tracer tracer = Tracer.builder().config(TestTracers.config()).settings(TestTracers.settings())
        .processor(processor).build();
    Session session = tracer.startDetachedSession("long job");
    List<String> stepIds = new ArrayList<>();
    CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
      try (Scope scope = session.makeCurrent()) {
        // enough ended steps for the session to hand its completed part over early, to the slow processor
        for (int i = 0; i < 2_000 && processor.handingOver.getCount() > 0; i++) {
          Span step = tracer.startSpan(SpanKind.TOOL, "step");
          stepIds.add(step.spanId());
          step.end();
        }
      }
    });
    assertThat(processor.handingOver.await(20, TimeUnit.SECONDS)).as("an early piece was handed over").isTrue();

    CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> tracer.shutdown(SHUTDOWN));
    awaitCut(tracer);
    processor.release.countDown();

    assertThat(shutdown.get(20, TimeUnit.SECONDS)).as("shutdown cut an open session").isFalse();
    worker.get(20, TimeUnit.SECONDS);
    assertThat(processor.droppedAfterShutdown).as("events dropped").hasValue(0);
    assertThat(processor.order).as("pieces and shutdown, in order").last().isEqualTo("shutdown");
    assertThat(processor.order).as("the early piece, the cut (nothing left open in it) and the shutdown")
        .containsExactlyInAnyOrder("piece of " + stepIds.size(), "piece of 0", "shutdown");
    List<String> deliveredIds = processor.delivered.stream().map(Event::eventId).toList();
    assertThat(deliveredIds).as("every step, once; %s", processor.order).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(stepIds);
    assertThat(processor.announced).as("the session announced, once").containsExactly(session.sessionId());
    assertThat(tracer.internalErrorCount()).isZero();
  }

  private static void awaitCut(Tracer tracer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (tracer.incompleteSessionCount() == 0) {
      assertThat(System.nanoTime() - deadline).as("shutdown cut the session").isNegative();
      Thread.sleep(1);   // polling an awaited condition: shutdown has no hook for its cut
    }
  }
}
