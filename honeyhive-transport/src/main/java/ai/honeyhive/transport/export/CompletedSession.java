package ai.honeyhive.transport.export;

import ai.honeyhive.transport.model.BatchRequest;
import java.util.Objects;

/**
 * A completed session on its way to a {@link SessionProcessor}: how many events it holds, and its
 * {@code POST /events/batch} body, assembled when the processor asks for it. A batching processor
 * asks on its own thread, so the application's thread that completed the session does not pay
 * for building the body; the session's values were captured when they were recorded and no longer
 * change.
 */
public interface CompletedSession {

  /** The number of events in the body; known without assembling it. */
  int eventCount();

  /** Assembles the body. Called at most once, on the processor's thread; may throw. */
  BatchRequest toBatchRequest();

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
    };
  }
}
