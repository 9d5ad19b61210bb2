package ai.honeyhive.propagation;

import ai.honeyhive.internal.Propagator;
import ai.honeyhive.internal.propagation.Incoming;
import ai.honeyhive.internal.propagation.PropagationCounters;
import ai.honeyhive.internal.propagation.W3c;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Carries a HoneyHive session across services, in W3C Trace Context and Baggage headers that
 * HoneyHive's Python SDK reads and writes too. The calling side injects the current context into
 * its outgoing request; the serving side extracts it and continues it, so that its traced calls
 * join the caller's session as children of the calling event:
 *
 * <pre>{@code
 * // calling service, inside a traced call
 * HttpRequest.Builder request = HttpRequest.newBuilder(uri);
 * Propagation.inject(request, HttpRequest.Builder::setHeader);
 *
 * // serving service
 * try (Scope scope = Propagation.extract(request, MyRequest::header).makeCurrent()) {
 *   handle(request);
 * }
 * }</pre>
 *
 * {@link PropagatingHttpClient} and {@link PropagationInterceptor} inject for the JDK
 * {@code HttpClient} and Apache HttpClient 5. What is sent:
 * <ul>
 * <li>{@code traceparent}: the current OpenTelemetry span's trace and span id when one is valid
 * (so both agree on the trace), else the session id's 32 hex digits and the calling event id's
 * low 64 bits; the sampled flag is the session's sampling decision.
 * <li>{@code tracestate}: passed on as it came, when this service continues a caller's trace.
 * <li>{@code baggage}: {@code session_id}, {@code parent_id} (the calling event),
 * {@code project}, {@code source}.
 * </ul>
 * Incoming headers are untrusted: they are validated and bounded, baggage keys HoneyHive does not
 * read are ignored, and what is refused is counted ({@link #stats()}) and logged, rate-limited.
 * No method throws; outside a trace {@code inject} writes nothing.
 */
public final class Propagation {
  public static final String TRACEPARENT = W3c.TRACEPARENT;
  public static final String TRACESTATE = W3c.TRACESTATE;
  public static final String BAGGAGE = W3c.BAGGAGE;

  private Propagation() {}

  /**
   * Writes the current trace context of this thread into {@code carrier}; false, and nothing
   * written, outside a trace. To inject a context captured elsewhere, make it current first
   * ({@code try (Scope s = context.makeCurrent()) { Propagation.inject(...); }}).
   */
  public static <C> boolean inject(C carrier, CarrierSetter<? super C> setter) {
    Objects.requireNonNull(setter, "setter");
    if (!Propagator.mayInject()) {
      return false;
    }
    try {
      return Propagator.inject((key, value) -> setter.set(carrier, key, value));
    } catch (RuntimeException | LinkageError e) {
      LoggerFactory.getLogger("ai.honeyhive.propagation").debug("HoneyHive: injecting the trace context failed", e);
      return false;
    }
  }

  /** Reads a caller's context from {@code carrier}; the empty context when there is none to continue. */
  public static <C> RemoteContext extract(C carrier, CarrierGetter<? super C> getter) {
    Objects.requireNonNull(getter, "getter");
    String traceparent;
    String tracestate;
    String baggage;
    try {
      traceparent = getter.get(carrier, TRACEPARENT);
      tracestate = getter.get(carrier, TRACESTATE);
      baggage = getter.get(carrier, BAGGAGE);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger("ai.honeyhive.propagation").debug("HoneyHive: reading the carrier failed", e);
      return RemoteContext.empty();
    }
    return RemoteContext.of(Incoming.read(traceparent, tracestate, baggage));
  }

  /**
   * Reads a caller's context from request headers, names in any case, each with its values: the
   * JDK {@code HttpServer}'s {@code Headers}, Spring's {@code HttpHeaders}, a servlet request's
   * headers collected into a map. A {@code traceparent} given more than once is refused.
   */
  public static RemoteContext extract(Map<String, ? extends Collection<String>> headers) {
    Objects.requireNonNull(headers, "headers");
    return extract(headers, Propagation::header);
  }

  private static String header(Map<String, ? extends Collection<String>> headers, String name) {
    Collection<String> values = headers.get(name);
    if (values == null) {
      for (Map.Entry<String, ? extends Collection<String>> e : headers.entrySet()) {
        if (name.equalsIgnoreCase(e.getKey())) {
          values = e.getValue();
          break;
        }
      }
    }
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() == 1) {
      return values.iterator().next();
    }
    if (name.equals(TRACEPARENT)) {
      return "";   // two parents: neither is believed (and the empty value is counted as refused)
    }
    return String.join(",", values);
  }

  /** What propagation injected, extracted, rejected and ignored in this process so far. */
  public static PropagationStats stats() {
    return new PropagationStats(PropagationCounters.INJECTED.sum(), PropagationCounters.EXTRACTED.sum(),
        PropagationCounters.REJECTED.sum(), PropagationCounters.IGNORED.sum());
  }
}
