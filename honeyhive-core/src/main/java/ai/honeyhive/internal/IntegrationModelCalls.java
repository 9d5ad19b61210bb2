package ai.honeyhive.internal;

import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import ai.honeyhive.Scope;
import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model events the integrations (LangChain4j, the OpenAI SDK wrapper, Spring AI) have open, so
 * that one model call seen by two of them on the same call path (LangChain4j's model calling the
 * OpenAI SDK, Spring AI calling it) is recorded once: by the outermost, which knows the framework's
 * view of the call. Not public API.
 */
public final class IntegrationModelCalls {
  private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

  private IntegrationModelCalls() {}

  /** Notes a model event an integration started; {@link #ended} must follow. */
  public static void started(String eventId) {
    if (eventId != null && !eventId.isEmpty()) {   // empty: the span of a switched-off tracer
      OPEN.add(eventId);
    }
  }

  public static void ended(String eventId) {
    if (eventId != null && !eventId.isEmpty()) {
      OPEN.remove(eventId);
    }
  }

  /**
   * Starts a model event as a child of this thread's current event, current here until it ends,
   * and notes it: for a call that returns when it is over.
   */
  public static Span startModel(String name) {
    Span span = HoneyHive.tracer().startSpan(SpanKind.MODEL, name);
    started(span.spanId());
    return span;
  }

  /**
   * Starts a model event as a child of {@code parent}'s event, current nowhere, and notes it: for a
   * call that returns before it is over (a future, a stream), or one seen on another thread.
   */
  public static Span startModelUnder(Context parent, String name) {
    try (Scope ignored = parent.makeCurrent()) {
      return startModel(name);
    }
  }

  /** Ends an event an integration started, forgetting it if it was a model event. */
  public static void end(Span span) {
    ended(span.spanId());
    span.end();
  }

  /** Whether this thread's current event is a model event an integration is recording. */
  public static boolean current() {
    if (OPEN.isEmpty()) {
      return false;
    }
    String id = Context.current().spanId().orElse(null);
    return id != null && OPEN.contains(id);
  }
}
