package ai.honeyhive.internal.capture;

import ai.honeyhive.transport.model.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secret-value scan of an event's strings that capture left for the export worker
 * ({@link ai.honeyhive.internal.CaptureBudget#scanLater}): each string noted is found in the
 * finished event by identity and replaced by what {@link SecretValues#mask} makes of it, exactly
 * what the capture would have recorded had it scanned on the caller's thread. Captured maps and
 * lists are the capture's own immutable snapshots, so only those on the way to a changed string
 * are copied; the event's are never changed in place. Strings not noted (markers, names, keys,
 * short strings scanned already) are left alone. Not public API.
 */
final class LaterScan {
  private final Set<String> noted;
  private long grown;

  LaterScan(String[] toScan) {
    this.noted = Collections.newSetFromMap(new IdentityHashMap<>(toScan.length * 2));
    Collections.addAll(noted, toScan);
  }

  /** The characters masking added (a mask may be longer than the short secret it replaces). */
  long grown() {
    return grown;
  }

  Event apply(Event e) {
    Map<String, Object> config = map(e.config());
    Map<String, Object> inputs = map(e.inputs());
    Map<String, Object> outputs = map(e.outputs());
    Map<String, Object> metadata = map(e.metadata());
    Map<String, Object> feedback = map(e.feedback());
    Map<String, Object> metrics = map(e.metrics());
    Map<String, Object> userProperties = map(e.userProperties());
    String error = e.error() == null ? null : (String) value(e.error());
    if (config == e.config() && inputs == e.inputs() && outputs == e.outputs() && metadata == e.metadata()
        && feedback == e.feedback() && metrics == e.metrics() && userProperties == e.userProperties()
        && error == e.error()) {
      return e;
    }
    return e.toBuilder().config(config).inputs(inputs).outputs(outputs).metadata(metadata)
        .feedback(feedback).metrics(metrics).userProperties(userProperties).error(error).build();
  }

  private Object value(Object v) {
    if (v instanceof String s) {
      return noted.contains(s) ? scanned(s) : s;
    }
    if (v instanceof Map<?, ?> m) {
      return map(m);
    }
    if (v instanceof List<?> l) {
      return list(l);
    }
    return v;
  }

  private String scanned(String s) {
    String masked;
    try {
      masked = SecretValues.mask(s);
    } catch (RuntimeException | StackOverflowError e) {
      masked = Markers.CAPTURE_FAILED; // the value is lost, never sent unscanned
    }
    if (masked.length() > s.length()) {
      grown += masked.length() - s.length();
    }
    return masked;
  }

  /** {@code m} itself if nothing in it changed, else an unmodifiable copy in the same order. */
  @SuppressWarnings("unchecked")
  private <K> Map<K, Object> map(Map<K, ?> m) {
    if (m == null || m.isEmpty()) {
      return (Map<K, Object>) m;
    }
    Map<K, Object> copy = null;
    int i = 0;
    for (Map.Entry<K, ?> en : m.entrySet()) {
      Object v = en.getValue();
      Object w = value(v);
      if (w != v && copy == null) {
        copy = new LinkedHashMap<>(m.size() * 4 / 3 + 1);
        int j = 0;
        for (Map.Entry<K, ?> before : m.entrySet()) {
          if (j++ == i) {
            break;
          }
          copy.put(before.getKey(), before.getValue());
        }
      }
      i++;
      if (copy != null) {
        copy.put(en.getKey(), w);
      }
    }
    return copy == null ? (Map<K, Object>) m : Collections.unmodifiableMap(copy);
  }

  private List<Object> list(List<?> l) {
    List<Object> copy = null;
    for (int i = 0; i < l.size(); i++) {
      Object v = l.get(i);
      Object w = value(v);
      if (w != v && copy == null) {
        copy = new ArrayList<>(l.subList(0, i));
      }
      if (copy != null) {
        copy.add(w);
      }
    }
    @SuppressWarnings("unchecked")
    List<Object> same = (List<Object>) l;
    return copy == null ? same : Collections.unmodifiableList(copy);
  }
}
