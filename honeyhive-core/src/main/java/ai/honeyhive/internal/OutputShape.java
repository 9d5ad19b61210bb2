package ai.honeyhive.internal;

import ai.honeyhive.Span;
import java.util.Collections;
import java.util.Map;

/**
 * The documented shape of {@code outputs}: a returned {@code Map} becomes the outputs object
 * (keys as strings); any other value, {@code null} included, goes under {@link Span#RESULT_KEY}.
 * Not public API.
 */
final class OutputShape {
  private OutputShape() {}

  static Map<String, Object> of(Object value, ValueCapture capture, CaptureBudget budget) {
    Object captured = capture.capture(null, value, budget);
    if (value instanceof Map<?, ?> && captured instanceof Map<?, ?> map) {
      // the capture has already applied the limits and redaction to the map's entries, and its
      // maps are unmodifiable with string keys: it is the outputs as it is, never changed in place
      @SuppressWarnings("unchecked")
      Map<String, Object> out = (Map<String, Object>) map;
      return out;
    }
    // one small immutable object for the one entry (a null value allowed): outputs are replaced
    // whole, never changed in place, and a LinkedHashMap costs four objects
    return Collections.singletonMap(Span.RESULT_KEY, captured);
  }
}
