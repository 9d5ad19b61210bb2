package ai.honeyhive.transport.export;

import ai.honeyhive.transport.model.BatchRequest;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where completed sessions go: the service, a file, the console, a test's memory.
 *
 * <p>The tracer never calls an exporter on an application thread: a {@link SessionProcessor}
 * does, one call at a time. Each method returns a future that completes when the work is done
 * (exceptionally when it failed for good), so that an exporter may do its I/O asynchronously.
 * Implementations must not throw from these methods; failures belong in the future.
 */
public interface EventExporter extends AutoCloseable {

  /** Exports the given batches, each one {@code POST /events/batch} body. */
  CompletableFuture<Void> export(Collection<BatchRequest> batches);

  /** Completes when everything handed to {@link #export} so far has been written or has failed. */
  default CompletableFuture<Void> flush() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Releases resources; later exports fail. Idempotent. Work still in progress may be abandoned
   * (an HTTP exporter stops retrying), so a {@link SessionProcessor} flushes first and calls this
   * when its time is up.
   */
  default CompletableFuture<Void> shutdown() {
    return flush();
  }

  /** How many requests this exporter has sent again after a failed attempt; 0 if it never retries. */
  default long retryCount() {
    return 0;
  }

  /** {@link #shutdown()}, waiting at most ten seconds. */
  @Override
  default void close() {
    try {
      shutdown().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception ignored) {
      // shutdown failures were already reported by the exporter; close() is best effort
    }
  }

  /** An exporter that hands every call to each of the given exporters. */
  static EventExporter composite(EventExporter... exporters) {
    return composite(Arrays.asList(exporters));
  }

  /** An exporter that hands every call to each of the given exporters. */
  static EventExporter composite(List<EventExporter> exporters) {
    List<EventExporter> copy = List.copyOf(exporters);
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return new CompositeExporter(copy);
  }

  /** An exporter that discards everything. */
  static EventExporter noop() {
    return batches -> CompletableFuture.completedFuture(null);
  }
}
