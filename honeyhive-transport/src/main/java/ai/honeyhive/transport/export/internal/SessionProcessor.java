package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.export.ExportStats;
import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;

/**
 * Receives each completed session from the tracer and gets it to an {@link EventExporter}.
 *
 * <p>{@link #onSessionEnd} is called on the application's thread: implementations must not throw
 * and, except for {@link SimpleSessionProcessor}, must not block.
 *
 * <p>Not public API.
 */
public interface SessionProcessor {

  /** Takes a completed session, in the shape of one {@code POST /events/batch} body. */
  void onSessionEnd(BatchRequest session);

  /**
   * Takes a completed session whose body is assembled when the processor gets to it. This
   * default assembles it at once, on the calling thread; the batching processor does it on its
   * worker thread, so that the application's thread does not pay for it.
   */
  default void onSessionEnd(CompletedSession session) {
    onSessionEnd(session.toBatchRequest());
  }

  /** Waits at most {@code timeout} until everything taken so far is exported or has failed for good. */
  boolean flush(Duration timeout);

  /** Flushes, then shuts the exporter down, within {@code timeout}. Idempotent; later sessions are dropped. */
  boolean shutdown(Duration timeout);

  /** What became of the events taken so far. */
  default ExportStats stats() {
    return ExportStats.EMPTY;
  }
}
