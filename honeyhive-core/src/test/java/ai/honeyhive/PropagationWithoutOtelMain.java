package ai.honeyhive;

import ai.honeyhive.propagation.Propagation;
import ai.honeyhive.propagation.RemoteContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Traces, injects, extracts (a hostile header too) and continues with no OpenTelemetry on the
 * class path; prints what it saw. Run in a child JVM by {@link PropagationWithoutOtelTest}.
 */
public final class PropagationWithoutOtelMain {
  static final String HOSTILE_MARKER = "hostile-value-7f3a";

  private PropagationWithoutOtelMain() {}

  public static void main(String[] args) {
    try {
      Class.forName("io.opentelemetry.api.trace.Span");
      System.out.println("otel-present");
    } catch (ClassNotFoundException expected) {
      System.out.println("otel-absent");
    }
    InMemoryExporter out = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(out);
    Map<String, List<String>> headers = new HashMap<>();
    String sessionId = tracer.trace(SpanKind.CHAIN, "caller", Map.of(), span -> {
      Propagation.inject(headers, (m, k, v) -> m.put(k, List.of(v)));
      return span.sessionId();
    });
    RemoteContext hostile = Propagation.extract(Map.of("traceparent", List.of(HOSTILE_MARKER),
        "baggage", List.of("session_id=" + HOSTILE_MARKER)));
    RemoteContext remote = Propagation.extract(headers);
    try (Scope s = remote.makeCurrent(tracer)) {
      tracer.trace(SpanKind.TOOL, "callee", Map.of(), span -> "done");
    }
    boolean otelKeys = false;
    for (Event e : out.events()) {
      otelKeys |= e.metadata() != null && (e.metadata().containsKey("otel_trace_id") || e.metadata().containsKey("otel_span_id"));
    }
    Event callee = out.events().stream().filter(e -> e.eventName().equals("callee")).findFirst().orElseThrow();
    System.out.println("events=" + out.events().size() + " otelKeys=" + otelKeys
        + " joined=" + callee.sessionId().equals(sessionId) + " hostilePresent=" + hostile.isPresent()
        + " rejected=" + Propagation.stats().rejected() + " internalErrors=" + tracer.internalErrorCount());
  }
}
