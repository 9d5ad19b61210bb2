package ai.honeyhive.internal;

import ai.honeyhive.Tracer;
import java.util.function.Function;

/**
 * Reaches a {@link Tracer}'s runtime from the aspects and the agent without making it part of the
 * public API: {@code Tracer} registers the accessor when its class initializes, which has happened
 * by the time any instance exists. Not public API.
 */
public final class TracerRuntimes {
  private static volatile Function<Tracer, TracerRuntime> accessor;

  private TracerRuntimes() {}

  public static void register(Function<Tracer, TracerRuntime> a) {
    if (accessor == null) {
      accessor = a;
    }
  }

  public static TracerRuntime of(Tracer tracer) {
    return accessor.apply(tracer);
  }
}
