package ai.honeyhive;

/**
 * A session: the root of a tree of events, exported as one batch when it completes.
 *
 * <p>Opened with {@link Tracer#startCurrentSession(String)} it is current on the opening thread, so traced
 * calls made there belong to it, until it is closed. Opened with {@link Tracer#startDetachedSession(String)}
 * it is current nowhere: {@link #makeCurrent()} it on the threads that work in it and close it
 * from any thread. It completes when it is closed and every event in it has ended.
 *
 * <p>{@link HoneyHive#currentSession()} gives the current session, opened or implicit (the session
 * a traced call starts when none is current), to enrich it; closing that handle does nothing. Values
 * passed to the setters are captured when passed. No method throws.
 *
 * <p>Limits, as for a {@link Span}'s setters: the session's own values share one byte budget
 * ({@code HH_MAX_EVENT_BYTES}); once it is spent new keys are left out and counted in the
 * session's {@code metadata.honeyhive_truncated}, while keys already set can still be given new
 * values. A {@code null} key is recorded as {@code "null"}; names, sources and keys longer than
 * 1,024 characters are cut.
 */
public interface Session extends AutoCloseable {

  String sessionId();

  /** Names the session ({@code session_name}). */
  Session setName(String name);

  /** Sets the session's {@code source} (e.g. {@code production}); its events carry it too. */
  Session setSource(String source);

  /** Records a session-level input. */
  Session setInput(String name, Object value);

  /** Records the session's outputs: a {@code Map} as is, anything else under {@link Span#RESULT_KEY}. */
  Session setOutput(Object value);

  Session setConfig(String key, Object value);

  Session setMetadata(String key, Object value);

  Session setMetric(String key, Object value);

  Session setFeedback(String key, Object value);

  Session setUserProperty(String key, Object value);

  /** Records the session as failed, as {@code "<exception class>: <message>"}. */
  Session recordError(Throwable error);

  /**
   * Makes this session current on this thread until the returned scope is closed: traced calls
   * made meanwhile become its top-level events. This is how a session started on one thread is
   * continued on another.
   */
  Scope makeCurrent();

  /**
   * Closes the session: from the opener, this restores the thread's previous context. The session
   * is exported once every event in it has ended. Idempotent.
   */
  @Override
  void close();
}
