package ai.honeyhive.langchain4j.internal;

import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import ai.honeyhive.Scope;
import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import ai.honeyhive.internal.IntegrationModelCalls;

/**
 * The one place this module talks to the tracer. Its model events are registered with
 * {@link IntegrationModelCalls}, so that a second recorder on the same call path (our
 * ChatModelListener under our AI Service events, the OpenAI SDK wrapper under LangChain4j's
 * official-SDK model) records the call once. Not public API.
 */
public final class Recorder {

  private Recorder() {}

  /** Starts an event as a child of this thread's current event; it is current here until it ends. */
  static Span start(SpanKind type, String name) {
    return type == SpanKind.MODEL ? IntegrationModelCalls.startModel(name) : HoneyHive.tracer().startSpan(type, name);
  }

  /**
   * Starts an event as a child of {@code parent}'s event without leaving it current on this thread:
   * for events started on a thread that is not the one their parent runs on (a streaming reply).
   */
  static Span startUnder(Context parent, SpanKind type, String name) {
    try (Scope ignored = parent.makeCurrent()) {
      return start(type, name);
    }
  }

  /** Ends a span this module started. */
  static void end(Span span) {
    IntegrationModelCalls.end(span);
  }

  /** This thread's trace context now. */
  static Context currentContext() {
    return Context.current();
  }

  /** The id of this thread's current event, or null. */
  static String currentEventId() {
    return Context.current().spanId().orElse(null);
  }

  /** Whether this thread's current event is a model event this module recorded (the call is being recorded already). */
  static boolean modelEventCurrent() {
    return IntegrationModelCalls.current();
  }
}
