package ai.honeyhive.transport.export;

import ai.honeyhive.transport.export.internal.DeliveryHints;
import ai.honeyhive.transport.model.BatchRequest;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Fans each call out to several exporters; the result fails if any of them failed. */
final class CompositeExporter implements EventExporter, DeliveryHints {
  private final List<EventExporter> exporters;

  CompositeExporter(List<EventExporter> exporters) {
    this.exporters = exporters;
  }

  /**
   * Fails when any exporter failed. An event counts as delivered only if every exporter
   * delivered it, so the failure reports the most events any one exporter failed on.
   */
  @Override
  public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
    int total = 0;
    for (BatchRequest b : batches) {
      total += b.events().size();
    }
    int events = total;
    CompletableFuture<?>[] results = start(e -> e.export(batches));
    return CompletableFuture.allOf(results).handle((ok, ignored) -> {
      int failed = 0;
      int rejected = 0;
      Throwable first = null;
      for (CompletableFuture<?> r : results) {
        Throwable t = r.handle((v, e) -> e).join();
        if (t != null) {
          Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
          first = first == null ? cause : first;
          failed = Math.max(failed, cause instanceof ExportException x ? x.failedEvents() : events);
          rejected = Math.max(rejected, cause instanceof ExportException x ? x.rejectedEvents() : 0);
        }
      }
      if (first != null) {
        throw new CompletionException(
            new ExportException(first.getMessage() == null ? first.toString() : first.getMessage(), failed,
                Math.min(rejected, failed)));
      }
      return null;
    });
  }

  /** The most any of them takes: local exporters finish within the call, so only the slowest one matters. */
  @Override
  public int maxConcurrentExports() {
    int n = 1;
    for (EventExporter e : exporters) {
      n = Math.max(n, DeliveryHints.of(e).maxConcurrentExports());
    }
    return n;
  }

  @Override
  public boolean oneBatchPerCall() {
    for (EventExporter e : exporters) {
      if (DeliveryHints.of(e).oneBatchPerCall()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void finishWithin(java.time.Duration budget) {
    for (EventExporter e : exporters) {
      try {
        DeliveryHints.of(e).finishWithin(budget);
      } catch (RuntimeException ignored) {
        // a hint only
      }
    }
  }

  @Override
  public long retryCount() {
    long sum = 0;
    for (EventExporter e : exporters) {
      sum += DeliveryHints.of(e).retryCount();
    }
    return sum;
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
    return CompletableFuture.allOf(start(call));
  }

  private CompletableFuture<?>[] start(Function<EventExporter, CompletableFuture<Void>> call) {
    CompletableFuture<?>[] results = new CompletableFuture<?>[exporters.size()];
    for (int i = 0; i < results.length; i++) {
      try {
        results[i] = call.apply(exporters.get(i));
      } catch (RuntimeException e) {
        results[i] = CompletableFuture.failedFuture(e);
      }
    }
    return results;
  }

  @Override
  public String toString() {
    return "CompositeExporter" + exporters;
  }
}
