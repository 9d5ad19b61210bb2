package ai.honeyhive.spring.internal;

import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import ai.honeyhive.Scope;
import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracedBody;
import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.HoneyHiveConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Every call the starter makes into the tracer, in one place, so that a rename in the core API is
 * one edit here. Not public API.
 */
public final class TracerBridge {
  /** Where values read through Spring's {@code Environment} are said to come from in error messages. */
  static final String SPRING_ORIGIN = "the Spring environment (application.yml/.properties, profiles, ...)";

  private TracerBridge() {}

  /**
   * The configuration: {@code honeyhive.*} system properties and {@code HH_*} variables first, as
   * everywhere else, then Spring's environment (which binds {@code honeyhive.*} keys relaxedly).
   *
   * @throws ai.honeyhive.config.ConfigurationException saying which value was wrong and where it came from
   */
  public static HoneyHiveConfig config(Function<String, String> springLookup) {
    return ConfigSources.system().thenLookup(springLookup, SPRING_ORIGIN).configBuilder().build();
  }

  /** A tracer for {@code config}, made the process-wide one so the woven aspects use it too. */
  public static Tracer createAndInstall(HoneyHiveConfig config) {
    return HoneyHive.install(Tracer.create(config));
  }

  static boolean shutdown(Tracer tracer, Duration timeout) {
    return tracer.shutdown(timeout);
  }

  static Duration shutdownTimeout(Tracer tracer) {
    return tracer.config().export().shutdownTimeout();
  }

  /** The tracer the annotations and Spring AI's events use: the one installed as the process-wide tracer. */
  static Tracer tracer() {
    return HoneyHive.tracer();
  }

  static Span startSpan(SpanKind kind, String name) {
    return tracer().startSpan(kind, name);
  }

  /** A span and its context, from which later spans nest under it on any thread. */
  record Started(Span span, Context context) {}

  /** Starts a span current on this thread until it ends. */
  static Started startCurrent(SpanKind kind, String name) {
    Span span = tracer().startSpan(kind, name);
    return new Started(span, Context.current());
  }

  /** Starts a span under {@code parent} without leaving it current on this thread. */
  static Started startUnder(Context parent, SpanKind kind, String name) {
    try (Scope ignored = parent.makeCurrent()) {
      Span span = tracer().startSpan(kind, name);
      return new Started(span, Context.current());
    }
  }

  /** The context of the span current on this thread, to start later spans under it from anywhere. */
  static Context currentContext() {
    return Context.current();
  }

  static <T, E extends Throwable> T trace(SpanKind kind, String name, Map<String, ?> inputs, TracedBody<T, E> body)
      throws E {
    return tracer().trace(kind, name, inputs, body);
  }
}
