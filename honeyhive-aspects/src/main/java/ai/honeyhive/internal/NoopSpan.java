package ai.honeyhive.internal;

import ai.honeyhive.Session;
import ai.honeyhive.Span;
import java.util.Map;

/** What the API hands out while tracing is off: records nothing, costs nothing. Not public API. */
public final class NoopSpan implements Span, Session {
  public static final NoopSpan INSTANCE = new NoopSpan();

  private NoopSpan() {}

  @Override public String eventId() { return ""; }
  @Override public String sessionId() { return ""; }
  @Override public NoopSpan setInput(String name, Object value) { return this; }
  @Override public Span setInputs(Map<String, ?> inputs) { return this; }
  @Override public NoopSpan setOutput(Object value) { return this; }
  @Override public Span setConfig(String key, Object value) { return this; }
  @Override public NoopSpan setMetadata(String key, Object value) { return this; }
  @Override public Session setUserProperty(String key, Object value) { return this; }
  @Override public NoopSpan recordError(Throwable error) { return this; }
  @Override public void end() {}
  @Override public void close() {}
}
