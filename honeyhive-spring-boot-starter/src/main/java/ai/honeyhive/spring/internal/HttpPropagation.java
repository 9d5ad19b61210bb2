package ai.honeyhive.spring.internal;

import ai.honeyhive.propagation.Propagation;
import ai.honeyhive.propagation.RemoteContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * W3C {@code traceparent}/{@code baggage} on Spring's {@link HttpHeaders}, for the outgoing and
 * incoming hooks: injection keeps the entries of a {@code baggage} header already on the request
 * that are not HoneyHive's; extraction joins repeated headers as the core expects. Never throws.
 * Not public API.
 */
final class HttpPropagation {
  /** The baggage keys HoneyHive writes (and the Python SDK reads): ours replace a caller's, the rest are kept. */
  private static final Set<String> OUR_BAGGAGE_KEYS = Set.of("session_id", "honeyhive_session_id",
      "honeyhive.session_id", "parent_id", "project", "honeyhive_project", "honeyhive.project", "source",
      "honeyhive_source", "honeyhive.source");

  private HttpPropagation() {}

  /** Writes the current thread's trace context into {@code headers}; false outside a trace. */
  static boolean inject(HttpHeaders headers) {
    return Propagation.inject(headers, (h, key, value) -> {
      if (Propagation.BAGGAGE.equals(key)) {
        value = mergeBaggage(values(h, Propagation.BAGGAGE), value);
      }
      h.set(key, value);
    });
  }

  /** The caller's context in these request headers, or the empty context. */
  static RemoteContext extract(HttpHeaders headers) {
    return Propagation.extract(headers, (h, name) -> join(name, values(h, name)));
  }

  /**
   * The values of header {@code name}, any case. Through {@code headerSet()}, which Spring 6 and 7
   * both have with one signature: {@code get}/{@code getOrEmpty} take a {@code String} in Spring 7
   * but an {@code Object} in Spring 6 (Boot 3.5), so code compiled here would not link there.
   */
  static List<String> values(HttpHeaders headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.headerSet()) {
      if (name.equalsIgnoreCase(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Repeated values joined with commas, as a list-valued header means; a repeated traceparent is refused. */
  static String join(String name, List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    return Propagation.TRACEPARENT.equals(name) ? "" : String.join(",", values);
  }

  /** {@code ours}, after the entries of the existing baggage whose keys are not HoneyHive's. */
  static String mergeBaggage(List<String> existing, String ours) {
    if (existing == null || existing.isEmpty()) {
      return ours;
    }
    List<String> kept = new ArrayList<>();
    for (String header : existing) {
      for (String entry : header.split(",")) {
        String e = entry.strip();
        int eq = e.indexOf('=');
        if (eq > 0 && !OUR_BAGGAGE_KEYS.contains(e.substring(0, eq).strip().toLowerCase(Locale.ROOT))) {
          kept.add(e);
        }
      }
    }
    kept.add(ours);
    return String.join(",", kept);
  }
}
