package ai.honeyhive.internal;

import ai.honeyhive.internal.propagation.PropagationCounters;
import ai.honeyhive.internal.propagation.W3c;
import java.util.function.BiConsumer;

/**
 * Writes the current trace context as W3C {@code traceparent}, {@code tracestate} and
 * {@code baggage} headers, in the keys HoneyHive's Python SDK reads ({@code session_id},
 * {@code parent_id}, {@code project}, {@code source}). Not public API.
 *
 * <p>The trace id is the current OpenTelemetry span's when one is valid, so that a service
 * traced by OpenTelemetry continues the same trace; else that of the trace this session was
 * continued from; else the session id's 32 hex digits. The span id is the OpenTelemetry span's,
 * or the low 64 bits of the calling event's id. The sampled flag is the session's own draw
 * (the caller's, for a continued session).
 */
public final class Propagator {
  private Propagator() {}

  /** Whether this thread may be in a trace: one field read in a process that never traced, no allocation. */
  public static boolean mayInject() {
    return TraceContext.inTrace();
  }

  /** Writes the headers of the thread's current trace through {@code out}; false (nothing written) outside a trace. */
  public static boolean inject(BiConsumer<String, String> out) {
    ContextFrame frame = TraceContext.current();
    if (frame == null) {
      return false;
    }
    SessionTree session = frame.session();
    if (session.isCut()) {
      return false;
    }
    String sessionId = session.sessionId();
    String parentId = frame.parentIdForChildren();
    RemoteParent remote = session.remote();

    String traceId;
    String spanId;
    String traceState = null;
    String[] otel = OtelInterop.currentIds();
    if (otel != null) {
      traceId = otel[0];
      spanId = otel[1];
    } else {
      if (remote != null && remote.traceId() != null) {
        traceId = remote.traceId();
        traceState = remote.traceState();
      } else {
        traceId = W3c.uuidHex(sessionId);
      }
      spanId = W3c.isUuid(parentId) ? W3c.uuidLowHex(parentId) : W3c.uuidLowHex(sessionId);
    }
    out.accept(W3c.TRACEPARENT, W3c.traceparent(traceId, spanId, session.sampled()));
    if (traceState != null) {
      out.accept(W3c.TRACESTATE, traceState);
    }
    out.accept(W3c.BAGGAGE, baggage(session, sessionId, parentId, remote));
    PropagationCounters.INJECTED.increment();
    return true;
  }

  private static String baggage(SessionTree session, String sessionId, String parentId, RemoteParent remote) {
    StringBuilder b = new StringBuilder(160).append("session_id=").append(sessionId);
    if (!parentId.equals(sessionId)) {
      b.append(",parent_id=").append(parentId);
    }
    String project = remote != null && remote.project() != null ? remote.project() : session.runtime().config().project();
    if (project != null && !project.isBlank()) {
      b.append(",project=").append(W3c.encodeBaggageValue(project));
    }
    String source = session.source();
    if (source != null && !source.isBlank()) {
      b.append(",source=").append(W3c.encodeBaggageValue(source));
    }
    return b.toString();
  }

  /**
   * Baggage to send: ours, after the entries of {@code existing} (another library's, the
   * application's) whose keys are not ours. Null or blank {@code existing}: ours alone.
   */
  public static String mergeBaggage(String existing, String ours) {
    if (existing == null || existing.isBlank()) {
      return ours;
    }
    StringBuilder b = new StringBuilder(existing.length() + ours.length() + 1);
    for (String entry : existing.split(",")) {
      int eq = entry.indexOf('=');
      String key = (eq < 0 ? entry : entry.substring(0, eq)).strip();
      if (entry.isBlank() || key.equals("session_id") || key.equals("parent_id") || key.equals("project") || key.equals("source")) {
        continue;
      }
      b.append(entry.strip()).append(',');
    }
    return b.append(ours).toString();
  }
}
