package ai.honeyhive.internal;

import ai.honeyhive.Span;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented shape of {@code outputs}: a returned {@code Map} becomes the outputs object
 * (keys as strings); any other value, {@code null} included, goes under {@link Span#RESULT_KEY}.
 * Not public API.
 */
final class OutputShape {
  private OutputShape() {}

  static Map<String, Object> of(Object value, ValueCapture capture) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      try {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.put(String.valueOf(e.getKey()), capture.capture(e.getValue()));
        }
        return out;
      } catch (RuntimeException concurrentlyModified) {
        out.clear();
      }
    }
    out.put(Span.RESULT_KEY, capture.capture(value));
    return out;
  }
}
