package ai.honeyhive;

import java.util.Map;

/**
 * One traced call in progress: an event of the session tree that has started and not yet ended.
 *
 * <p>Started by {@link Tracer#startEvent}, it is the current event of its thread until
 * {@link #end()}, so traced calls made meanwhile become its children. End it on the thread that
 * started it, in a {@code try}/{@code finally} or try-with-resources. Values passed to the setters
 * are captured when passed: later changes to the objects are not seen. Setters called after
 * {@link #end()} are ignored. No method throws.
 */
public interface Span extends AutoCloseable {

  /** The key a return value that is not a {@code Map} is recorded under in {@code outputs}. */
  String RESULT_KEY = "result";

  /** This event's id ({@code event_id}). */
  String eventId();

  /** The id of the session this event belongs to ({@code session_id}). */
  String sessionId();

  Span setInput(String name, Object value);

  Span setInputs(Map<String, ?> inputs);

  /** Records {@code value} as the outputs: a {@code Map} as is, anything else under {@link #RESULT_KEY}. */
  Span setOutput(Object value);

  Span setConfig(String key, Object value);

  Span setMetadata(String key, Object value);

  /** Records the error as {@code "<exception class>: <message>"}. */
  Span recordError(Throwable error);

  /** Ends the event, restoring the thread's previous event as current. Idempotent. */
  void end();

  /** Same as {@link #end()}. */
  @Override
  default void close() {
    end();
  }
}
