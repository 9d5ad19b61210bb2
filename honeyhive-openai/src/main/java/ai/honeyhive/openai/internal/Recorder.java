package ai.honeyhive.openai.internal;

import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import ai.honeyhive.Scope;
import ai.honeyhive.Span;
import ai.honeyhive.internal.IntegrationModelCalls;
import ai.honeyhive.SpanKind;

/** The one place this module talks to the tracer. Not public API. */
final class Recorder {
  private Recorder() {}

  /** Whether this call is being recorded already, by a framework calling the SDK (LangChain4j, Spring AI). */
  static boolean recordedAlready() {
    return IntegrationModelCalls.current();
  }

  /** A model event, current on this thread until it ends: for a call that returns when it is over. */
  static Span startCurrent(String name) {
    Span span = HoneyHive.tracer().startSpan(SpanKind.MODEL, name);
    IntegrationModelCalls.started(span.spanId());
    return span;
  }

  /**
   * A model event under this thread's current event but current nowhere: for a call that returns
   * before it is over (a future, a stream), so the caller's later work is not nested under it.
   */
  static Span startDetached(String name) {
    try (Scope ignored = Context.current().makeCurrent()) {
      return startCurrent(name);
    }
  }

  static void end(Span span) {
    IntegrationModelCalls.ended(span.spanId());
    span.end();
  }
}
