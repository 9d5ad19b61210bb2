package ai.honeyhive.transport.export;

import ai.honeyhive.transport.model.BatchRequest;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Fans each call out to several exporters; the result fails if any of them failed. */
final class CompositeExporter implements EventExporter {
  private final List<EventExporter> exporters;

  CompositeExporter(List<EventExporter> exporters) {
    this.exporters = exporters;
  }

  @Override
  public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
    return all(e -> e.export(batches));
  }

  @Override
  public CompletableFuture<Void> flush() {
    return all(EventExporter::flush);
  }

  @Override
  public CompletableFuture<Void> shutdown() {
    return all(EventExporter::shutdown);
  }

  private CompletableFuture<Void> all(Function<EventExporter, CompletableFuture<Void>> call) {
    CompletableFuture<?>[] results = new CompletableFuture<?>[exporters.size()];
    for (int i = 0; i < results.length; i++) {
      try {
        results[i] = call.apply(exporters.get(i));
      } catch (RuntimeException e) {
        results[i] = CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.allOf(results);
  }

  @Override
  public String toString() {
    return "CompositeExporter" + exporters;
  }
}
