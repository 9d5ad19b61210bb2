package ai.honeyhive.internal;

import ai.honeyhive.Tracer;
import ai.honeyhive.TracerBuilder;
import ai.honeyhive.transport.export.internal.SessionProcessor;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Reaches a {@link Tracer}'s runtime from the aspects and the agent without making it part of the
 * public API: {@code Tracer} registers the accessor when its class initializes, which has happened
 * by the time any instance exists. Not public API.
 */
public final class TracerRuntimes {
  private static volatile Function<Tracer, TracerRuntime> accessor;
  private static volatile BiConsumer<TracerBuilder, SessionProcessor> processorSetter;

  private TracerRuntimes() {}

  public static void register(Function<Tracer, TracerRuntime> a, BiConsumer<TracerBuilder, SessionProcessor> p) {
    if (accessor == null) {
      accessor = a;
      processorSetter = p;
    }
  }

  /**
   * Makes {@code builder} hand completed sessions to {@code processor}, which owns the exporters:
   * for the agent, benchmarks and tests that need a processor of their own.
   */
  public static TracerBuilder withProcessor(TracerBuilder builder, SessionProcessor processor) {
    processorSetter.accept(builder, processor);
    return builder;
  }

  public static TracerRuntime of(Tracer tracer) {
    return accessor.apply(tracer);
  }
}
