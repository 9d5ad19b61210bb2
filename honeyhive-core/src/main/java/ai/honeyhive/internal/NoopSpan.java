package ai.honeyhive.internal;

import ai.honeyhive.Scope;
import ai.honeyhive.Session;
import ai.honeyhive.Span;
import java.util.Map;

/**
 * What the API hands out while tracing is off or outside any trace: records nothing, costs
 * nothing. Not public API.
 */
public final class NoopSpan implements Span, Session {
  public static final NoopSpan INSTANCE = new NoopSpan();
  private static final Scope NO_SCOPE = () -> {};

  private NoopSpan() {}

  @Override public String spanId() { return ""; }
  @Override public String sessionId() { return ""; }
  @Override public NoopSpan setName(String name) { return this; }
  @Override public NoopSpan setSource(String source) { return this; }
  @Override public NoopSpan setInput(String name, Object value) { return this; }
  @Override public Span setInputs(Map<String, ?> inputs) { return this; }
  @Override public NoopSpan setOutput(Object value) { return this; }
  @Override public NoopSpan setConfig(String key, Object value) { return this; }
  @Override public NoopSpan setMetadata(String key, Object value) { return this; }
  @Override public NoopSpan setMetric(String key, Object value) { return this; }
  @Override public NoopSpan setFeedback(String key, Object value) { return this; }
  @Override public NoopSpan setUserProperty(String key, Object value) { return this; }
  @Override public Span setTokenUsage(long prompt, long completion, long total) { return this; }
  @Override public Span setCost(double usd) { return this; }
  @Override public NoopSpan recordError(Throwable error) { return this; }
  @Override public Scope makeCurrent() { return NO_SCOPE; }
  @Override public void end() {}
  @Override public void close() {}
}
