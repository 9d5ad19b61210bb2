package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session that is a single traced call is counted among the sessions in flight through the
 * slot of the thread that started it, not in the tracer's shared list: shutdown still finds it
 * there, whatever became of the thread, and only its own tracer's shutdown does.
 */
@Timeout(60)
class SessionsCountedOnTheirThreadTest {

  @Test
  void aRootLeftOpenByAThreadThatDiedIsCutAndExportedAtShutdown() throws Exception {
    InMemoryExporter exporter = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(exporter);
    AtomicReference<String> leftOpen = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      Span root = tracer.startSpan(SpanKind.CHAIN, "never ended");   // its own session, on this thread
      root.setInput("q", "refunds");
      leftOpen.set(root.spanId());
    });
    worker.start();
    worker.join();
    System.gc();   // the thread is gone; nothing of the application's refers to its session any more

    assertThat(tracer.shutdown(Duration.ofMillis(200))).as("everything completed").isFalse();

    List<Event> cut = exporter.events().stream().filter(e -> e.eventId().equals(leftOpen.get())).toList();
    assertThat(cut).as("the open root, exported as it stood").hasSize(1);
    assertThat(cut.get(0).metadata()).containsEntry("honeyhive_incomplete", true);
    assertThat(cut.get(0).inputs()).containsEntry("q", "refunds");
    assertThat(tracer.incompleteSessionCount()).isEqualTo(1);
  }

  @Test
  void aTracersShutdownLeavesAnotherTracersSessionOnTheSameThreadAlone() {
    InMemoryExporter mine = new InMemoryExporter();
    InMemoryExporter theirs = new InMemoryExporter();
    Tracer a = TestTracers.synchronous(mine);
    Tracer b = TestTracers.synchronous(theirs);
    Span open = a.startSpan(SpanKind.CHAIN, "a's call");   // counted in this thread's slot

    assertThat(b.shutdown(Duration.ofMillis(200))).as("b had nothing in flight").isTrue();
    assertThat(theirs.events()).isEmpty();

    open.end();
    assertThat(mine.events()).extracting(Event::eventName).containsExactly("a's call");
    assertThat(mine.events().get(0).metadata()).doesNotContainKey("honeyhive_incomplete");
    assertThat(a.shutdown(Duration.ofMillis(200))).isTrue();
  }

  @Test
  void sessionsStartedOneAfterAnotherOnAThreadAreEachExportedOnceAndNoneIsLeftInFlight() {
    InMemoryExporter exporter = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(exporter);
    Span outer = tracer.startSpan(SpanKind.CHAIN, "left open while others run");   // takes the slot
    try (Scope none = Context.empty().makeCurrent()) {
      for (int i = 0; i < 100; i++) {   // each its own session, counted in the tracer's list
        tracer.startSpan(SpanKind.TOOL, "call " + i).end();
      }
    }
    outer.end();
    for (int i = 0; i < 100; i++) {     // the slot is free again
      tracer.startSpan(SpanKind.TOOL, "later " + i).end();
    }

    assertThat(exporter.events()).hasSize(201).allSatisfy(e -> assertThat(e.metadata()).doesNotContainKey("honeyhive_incomplete"));
    assertThat(exporter.events()).extracting(Event::eventId).doesNotHaveDuplicates();
    assertThat(tracer.shutdown(Duration.ofMillis(200))).as("nothing left in flight").isTrue();
    assertThat(tracer.incompleteSessionCount()).isZero();
  }
}
