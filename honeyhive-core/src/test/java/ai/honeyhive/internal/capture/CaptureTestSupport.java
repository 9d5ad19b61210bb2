package ai.honeyhive.internal.capture;

import ai.honeyhive.ValueMasker;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.TracerSettingsBuilder;
import ai.honeyhive.internal.CaptureBudget;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Builds captures with chosen limits, and captures one value the way an event does. */
final class CaptureTestSupport {
  private CaptureTestSupport() {}

  static TracerSettings config(UnaryOperator<TracerSettingsBuilder> limits) {
    return limits.apply(TracerSettings.builder().exportConsole(false).exportFile(null)).build();
  }

  static SafeValueCapture defaults() {
    return new SafeValueCapture(config(b -> b));
  }

  static SafeValueCapture with(UnaryOperator<TracerSettingsBuilder> limits) {
    return new SafeValueCapture(config(limits));
  }

  static SafeValueCapture withMasker(ValueMasker masker) {
    return new SafeValueCapture(config(b -> b), List.of(), masker);
  }

  @SuppressWarnings("unchecked")
  static <T> SafeValueCapture withSerializer(Class<T> type, Function<? super T, ?> serializer) {
    return new SafeValueCapture(config(b -> b), List.of(Map.entry(type, (Function<Object, ?>) serializer)), null);
  }

  /** The value as one input of a fresh event records it, and what was cut. */
  record Captured(Object value, int truncations) {}

  static Captured captureIn(SafeValueCapture capture, String name, Object value) {
    CaptureBudget budget = capture.newBudget();
    Object v = capture.capture(name, value, budget);
    return new Captured(v, budget.truncations());
  }

  static Object capture(SafeValueCapture capture, Object value) {
    return captureIn(capture, "value", value).value();
  }
}
