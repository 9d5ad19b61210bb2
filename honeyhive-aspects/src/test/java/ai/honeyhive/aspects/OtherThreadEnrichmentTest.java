package ai.honeyhive.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Span;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceTool;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An event's owner (the thread that started it) records without a lock where no other
 * thread can reach the event yet; these tests have another thread enrich the same event while
 * the owner records, and check that everything each of them recorded arrives, in the documented
 * order, with a later value replacing an earlier one under the same key.
 */
@Timeout(60)
class OtherThreadEnrichmentTest {
  private static final int ENTRIES = 300;
  private InMemoryExporter exporter;
  private ExecutorService other;

  @BeforeEach
  void install() {
    exporter = TracingTestSupport.installInMemoryTracer();
    other = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() throws InterruptedException {
    other.shutdownNow();
    other.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Woven by ajc at test-compile time. */
  static final class Enriched {
    ExecutorService other;

    /** Another thread enriches this call's event while the call itself records on it. */
    @TraceTool
    String lookup(String query, String filter) throws Exception {
      Span mine = HoneyHive.currentSpan();
      CountDownLatch go = new CountDownLatch(1);
      Future<?> theirs = other.submit(() -> {
        go.await();
        for (int i = 0; i < ENTRIES; i++) {
          mine.setMetadata("other-" + i, i);
        }
        mine.setInput("query", "replaced by another thread");
        mine.setInput("extra", "added by another thread");
        return null;
      });
      go.countDown();
      for (int i = 0; i < ENTRIES; i++) {
        mine.setMetadata("owner-" + i, i);
      }
      theirs.get();
      return "answer";
    }

    /** Starts traced calls (each recording its arguments) while another thread enriches this call's event. */
    @TraceChain
    int fanOut(int calls) throws Exception {
      Span parent = HoneyHive.currentSpan();
      CountDownLatch go = new CountDownLatch(1);
      Future<?> theirs = other.submit(() -> {
        go.await();
        for (int i = 0; i < ENTRIES; i++) {
          parent.setMetadata("other-" + i, i);
        }
        return null;
      });
      go.countDown();
      int total = 0;
      for (int i = 0; i < calls; i++) {
        total += child("arg-" + i, i);
      }
      theirs.get();
      return total;
    }

    @TraceTool
    int child(String label, int index) {
      return index;
    }
  }

  private final Enriched enriched = new Enriched();

  @Test
  void whatTheOwnerAndAnotherThreadRecordOnOneEventAllArrive() throws Exception {
    enriched.other = other;
    assertThat(enriched.lookup("refund policy", "docs")).isEqualTo("answer");

    assertThat(exporter.batches()).hasSize(1);
    Event lookup = TracingTestSupport.byName(exporter.batches().get(0), "lookup");
    assertThat(new ArrayList<>(lookup.inputs().keySet()))
        .as("arguments first, in order; a key set again keeps its place").containsExactly("query", "filter", "extra");
    assertThat(lookup.inputs().get("query")).isEqualTo("replaced by another thread");
    assertThat(lookup.inputs().get("filter")).isEqualTo("docs");
    assertThat(lookup.inputs().get("extra")).isEqualTo("added by another thread");
    for (int i = 0; i < ENTRIES; i++) {
      assertThat(lookup.metadata()).containsEntry("owner-" + i, i).containsEntry("other-" + i, i);
    }
    assertThat(lookup.outputs()).containsEntry("result", "answer");
  }

  @Test
  void eventsStartedWhileAnotherThreadEnrichesTheirParentKeepTheirArguments() throws Exception {
    enriched.other = other;
    int calls = 200;
    enriched.fanOut(calls);

    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    TracingTestSupport.assertConsistentTree(batch);
    Event parent = TracingTestSupport.byName(batch, "fanOut");
    for (int i = 0; i < ENTRIES; i++) {
      assertThat(parent.metadata()).containsEntry("other-" + i, i);
    }
    List<Event> children = batch.events().stream().filter(e -> e.eventName().equals("child")).toList();
    assertThat(children).hasSize(calls);
    for (Event c : children) {
      int index = ((Number) c.inputs().get("index")).intValue();
      assertThat(new ArrayList<>(c.inputs().keySet())).containsExactly("label", "index");
      assertThat(c.inputs()).containsEntry("label", "arg-" + index);
      assertThat(c.outputs().get("result")).isEqualTo(index);
      assertThat(c.parentId()).isEqualTo(parent.eventId());
    }
  }
}
