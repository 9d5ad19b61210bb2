package ai.honeyhive.internal;

import org.slf4j.LoggerFactory;

/**
 * OpenTelemetry interop without a dependency on it: whether the OpenTelemetry API is on the class
 * path is checked once, by name; only then is {@link OtelBridge}, the one class that refers to
 * it, loaded. Without it every method here is a constant check. If the API present is one the
 * bridge cannot use (a linkage error), interop switches itself off and says so once.
 * Not public API.
 */
final class OtelInterop {
  /** The metadata keys of an event started inside a valid OpenTelemetry span. */
  static final String TRACE_ID_KEY = "otel_trace_id";
  static final String SPAN_ID_KEY = "otel_span_id";
  /** The attributes set on that span: as HoneyHive's Python SDK names them on its spans. */
  static final String SESSION_ATTRIBUTE = "honeyhive.session_id";
  static final String EVENT_ATTRIBUTE = "honeyhive_event_id";

  static final boolean PRESENT = detect();
  private static volatile boolean working = PRESENT;

  private OtelInterop() {}

  private static boolean detect() {
    try {
      ClassLoader loader = OtelInterop.class.getClassLoader();
      Class.forName("io.opentelemetry.api.trace.Span", false, loader);
      Class.forName("io.opentelemetry.context.Context", false, loader);
      return true;
    } catch (Throwable absent) {   // ClassNotFoundException, or a LinkageError of a broken jar
      return false;
    }
  }

  /**
   * Links {@code event}, just started under {@code parent}, with the current OpenTelemetry span:
   * its ids go in the event's metadata, and the span gets the session's and event's ids (only
   * from the outermost event started inside it, so that it points to where its work begins).
   */
  static void eventStarted(ActiveEvent event, ContextFrame parent) {
    if (!working) {
      return;
    }
    try {
      OtelBridge.eventStarted(event, parent);
    } catch (LinkageError e) {
      switchOff(e);
    } catch (RuntimeException e) {   // an OpenTelemetry implementation's failure is contained like ours
      event.session().runtime().internalError("OpenTelemetry interop", e);
    }
  }

  /** The current valid OpenTelemetry span's trace id and span id (hex), or null. */
  static String[] currentIds() {
    if (!working) {
      return null;
    }
    try {
      return OtelBridge.currentIds();
    } catch (LinkageError e) {
      switchOff(e);
      return null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void switchOff(LinkageError e) {
    working = false;
    LoggerFactory.getLogger("ai.honeyhive.Tracer").warn("HoneyHive: the OpenTelemetry API on the class path cannot be used"
        + " ({}); events will not record OpenTelemetry trace and span ids", e.toString());
  }
}
