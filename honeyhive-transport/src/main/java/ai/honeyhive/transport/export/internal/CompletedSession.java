package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.model.BatchRequest;
import java.util.Objects;

/**
 * A completed session on its way to a {@link SessionProcessor}: how many events it holds, and its
 * {@code POST /events/batch} body, assembled when the processor asks for it. A batching processor
 * asks on its own thread, so the application's thread that completed the session does not pay
 * for building the body; the session's values were captured when they were recorded and no longer
 * change.
 *
 * <p>Not public API.
 */
public interface CompletedSession {

  /** The number of events in the body; known without assembling it. */
  int eventCount();

  /** Assembles the body. Called at most once, on the processor's thread; may throw. */
  BatchRequest toBatchRequest();

  /**
   * Roughly how many bytes of JSON the body will take, for the queue's byte limit; must be cheap,
   * since it is asked on the thread that completed the session. This default guesses
   * {@value #GUESSED_BYTES_PER_EVENT} bytes per event; a session that knows what it captured
   * should say better.
   */
  default long estimatedBytes() {
    return GUESSED_BYTES_PER_EVENT * Math.max(1, eventCount());
  }

  /** What {@link #estimatedBytes()} assumes per event when a session cannot say. */
  long GUESSED_BYTES_PER_EVENT = 1024;

  /** A session whose body is already assembled. */
  static CompletedSession of(BatchRequest body) {
    Objects.requireNonNull(body, "body");
    return new CompletedSession() {
      @Override
      public int eventCount() {
        return body.events().size();
      }

      @Override
      public BatchRequest toBatchRequest() {
        return body;
      }

      @Override
      public long estimatedBytes() {
        return SessionSplitter.estimate(body);
      }
    };
  }
}
