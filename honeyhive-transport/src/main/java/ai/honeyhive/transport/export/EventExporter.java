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
 * <p>The tracer never calls an exporter on an application thread: its export worker does,
 * from one thread. Each method returns a future that completes when the work is done
 * (exceptionally when it failed for good), so that an exporter may do its I/O asynchronously;
 * the batching processor may keep several calls outstanding at once.
 * Implementations must not throw from these methods; failures belong in the future.
 */
public interface EventExporter extends AutoCloseable {

  /**
   * Exports the given batches, each in the shape of one single-session {@code POST /events/batch}
   * body (a session, or a piece of one). An exporter may write them as they are or combine them:
   * the HTTP exporter sends all batches of one call as one request.
   */
  CompletableFuture<Void> export(Collection<BatchRequest> batches);

  /** Completes when everything handed to {@link #export} so far has been written or has failed. */
  default CompletableFuture<Void> flush() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Releases resources; later exports fail. Idempotent. Work still in progress may be abandoned
   * (an HTTP exporter stops retrying), so the tracer flushes first and calls this
   * when its time is up.
   */
  default CompletableFuture<Void> shutdown() {
    return flush();
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

  /**
   * The exporter that sends sessions to the HoneyHive API ({@code POST /events/batch}) with the
   * key, URL and export settings of {@code config}: the one a tracer uses when a key is set. For
   * composing it with an exporter of your own: {@code composite(honeyHive(config), mine)}.
   *
   * @throws ai.honeyhive.config.ConfigurationException if {@code config} has no API key
   */
  static EventExporter honeyHive(ai.honeyhive.config.HoneyHiveConfig config) {
    return ai.honeyhive.transport.http.internal.HttpExporter.create(config);
  }

  /** An exporter that discards everything. */
  static EventExporter noop() {
    return batches -> CompletableFuture.completedFuture(null);
  }
}
