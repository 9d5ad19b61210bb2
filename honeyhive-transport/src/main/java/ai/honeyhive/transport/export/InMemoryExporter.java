package ai.honeyhive.transport.export;

import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every exported batch in memory, for tests to assert on. Thread-safe. */
public final class InMemoryExporter implements EventExporter {
  private final CopyOnWriteArrayList<BatchRequest> batches = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<Void> export(Collection<BatchRequest> exported) {
    batches.addAll(exported);
    return CompletableFuture.completedFuture(null);
  }

  /** Every batch exported so far, in export order. */
  public List<BatchRequest> batches() {
    return List.copyOf(batches);
  }

  /** Every event of every batch exported so far, in export order. */
  public List<Event> events() {
    List<Event> all = new ArrayList<>();
    for (BatchRequest b : batches) {
      all.addAll(b.events());
    }
    return all;
  }

  /** Forgets everything exported so far. */
  public void reset() {
    batches.clear();
  }
}
