package ai.honeyhive;

import ai.honeyhive.transport.model.EventType;

/**
 * What a span started in code records: the three kinds the annotations record too. (Sessions are
 * started with {@link Tracer#startCurrentSession}, not as spans.)
 */
public enum SpanKind {
  /** A step that calls others: {@code @TraceChain}. */
  CHAIN(EventType.CHAIN),
  /** A call to a tool, search or other function: {@code @TraceTool}. */
  TOOL(EventType.TOOL),
  /** A call to a model: {@code @TraceModel}. */
  MODEL(EventType.MODEL);

  private final EventType eventType;

  SpanKind(EventType eventType) {
    this.eventType = eventType;
  }

  /** The {@code event_type} the span is sent with. */
  EventType eventType() {
    return eventType;
  }
}
