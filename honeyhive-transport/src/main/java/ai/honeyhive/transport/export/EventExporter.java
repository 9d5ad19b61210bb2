package ai.honeyhive.transport.export;

import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where completed sessions go: the service, a file, the console, a test's memory.
 *
 * <p>The tracer never calls an exporter on an application thread: a {@link SessionProcessor}
 * does, from one thread. Each method returns a future that completes when the work is done
 * (exceptionally when it failed for good), so that an exporter may do its I/O asynchronously;
 * the batching processor keeps up to {@link #maxConcurrentExports()} calls outstanding at once.
 * Implementations must not throw from these methods; failures belong in the future.
 */
public interface EventExporter extends AutoCloseable {

  /**
   * Exports the given batches, each in the shape of one single-session {@code POST /events/batch}
   * body (a session, or a piece of one). An exporter may write them as they are or combine them:
   * the HTTP exporter sends all batches of one call as one request.
   */
  CompletableFuture<Void> export(Collection<BatchRequest> batches);

  /**
   * How many {@link #export} calls may be outstanding at once; each is independent (one request,
   * for the HTTP exporter). Default 1.
   */
  default int maxConcurrentExports() {
    return 1;
  }

  /**
   * Whether each batch should come in its own {@link #export} call (true for an exporter that
   * makes one request per batch, so that a processor's slots count requests); false when an
   * exporter takes many sessions per call, as the HTTP exporter does in its default form. Default false.
   */
  default boolean oneBatchPerCall() {
    return false;
  }

  /**
   * Says that everything still to do must be done within {@code budget} from now (the
   * application is exiting): an exporter cuts requests early enough to try them once more within
   * it, and waits no longer than it allows. Default: nothing to adjust.
   */
  default void finishWithin(Duration budget) {}

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
