package ai.honeyhive;

import java.util.Map;

/**
 * A session opened explicitly with {@link Tracer#newSession(String)}: the root of a tree of events.
 * Traced calls made on this thread while it is open belong to it. It completes, and its events are
 * exported as one batch, when it is closed and every event in it has ended. No method throws.
 */
public interface Session extends AutoCloseable {

  String sessionId();

  /** Records a session-level input. */
  Session setInput(String name, Object value);

  /** Records the session's outputs: a {@code Map} as is, anything else under {@link Span#RESULT_KEY}. */
  Session setOutput(Object value);

  Session setMetadata(String key, Object value);

  Session setUserProperty(String key, Object value);

  /** Records the session as failed, as {@code "<exception class>: <message>"}. */
  Session recordError(Throwable error);

  /** Closes the session and restores this thread's previous context. Idempotent. */
  @Override
  void close();
}
