package ai.honeyhive.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The calls into the OpenTelemetry API; loaded only once {@link OtelInterop} has found it on the
 * class path. Not public API.
 */
final class OtelBridge {
  private OtelBridge() {}

  static void eventStarted(ActiveEvent event, ContextFrame parent) {
    Span span = Span.current();
    SpanContext context = span.getSpanContext();
    if (!context.isValid()) {
      return;
    }
    String spanId = context.getSpanId();
    event.otelSpanId = spanId;
    event.setMetadata(OtelInterop.TRACE_ID_KEY, context.getTraceId());
    event.setMetadata(OtelInterop.SPAN_ID_KEY, spanId);
    boolean outermost = !(parent instanceof ActiveEvent p) || !spanId.equals(p.otelSpanId);
    if (outermost && span.isRecording()) {
      span.setAttribute(OtelInterop.SESSION_ATTRIBUTE, event.sessionId());
      span.setAttribute(OtelInterop.EVENT_ATTRIBUTE, event.eventId());
    }
  }

  static String[] currentIds() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? new String[] {context.getTraceId(), context.getSpanId()} : null;
  }
}
