package ai.honeyhive.spring.internal;

import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import ai.honeyhive.Scope;
import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracedBody;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.internal.IntegrationModelCalls;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.env.Environment;

/**
 * Every call the starter makes into the tracer, in one place, so that a rename in the core API is
 * one edit here. Not public API.
 */
public final class TracerBridge {
  /** Where values read through Spring's {@code Environment} are said to come from in error messages. */
  static final String SPRING_ORIGIN = "the Spring environment (application.yml/.properties, profiles, ...)";

  static final String API_KEY = "honeyhive.api.key";
  static final String PROJECT = "honeyhive.project";
  static final String CONVERSATION_IDLE = "honeyhive.spring.conversation.idle.ms";
  static final Duration DEFAULT_CONVERSATION_IDLE = Duration.ofMinutes(30);

  private TracerBridge() {}

  /**
   * The configuration: {@code honeyhive.*} system properties and {@code HH_*} variables first, as
   * everywhere else, then Spring's environment (which binds {@code honeyhive.*} keys relaxedly).
   *
   * @throws ai.honeyhive.config.ConfigurationException saying which value was wrong and where it came from
   */
  public static HoneyHiveConfig config(Function<String, String> springLookup) {
    ConfigSources sources = sources(springLookup);
    requireProjectWithKey(sources);
    return sources.configBuilder().build();
  }

  /** {@link #config(Function)} from Spring's environment, with Spring's relaxed names ({@code honeyhive.api-key}). */
  public static HoneyHiveConfig config(Environment environment) {
    return config(new SpringEnvironmentLookup(environment));
  }

  /**
   * The tracer's settings (sampling, limits, redaction, session name, local outputs), from the same
   * sources in the same order as {@link #config(Function)}.
   *
   * @throws ai.honeyhive.config.ConfigurationException saying which value was wrong and where it came from
   */
  public static TracerSettings settings(Function<String, String> springLookup) {
    return TracerSettings.builder(sources(springLookup)).build();
  }

  /** {@link #settings(Function)} from Spring's environment, with Spring's relaxed names ({@code honeyhive.sample-rate}). */
  public static TracerSettings settings(Environment environment) {
    return settings(new SpringEnvironmentLookup(environment));
  }

  /** The one adapter's sources: system properties, {@code HH_*} variables, then Spring's environment. */
  private static ConfigSources sources(Function<String, String> springLookup) {
    return ConfigSources.system().thenLookup(springLookup, SPRING_ORIGIN);
  }

  /**
   * How long a conversation's session stays open without a turn: {@code honeyhive.spring.conversation.idle.ms}
   * (or {@code HH_SPRING_CONVERSATION_IDLE_MS}), read and checked as every other setting.
   *
   * @throws ConfigurationException saying where the bad value came from and what is accepted
   */
  public static Duration conversationIdle(Environment environment) {
    ConfigSources.Sourced v = sources(new SpringEnvironmentLookup(environment)).find(CONVERSATION_IDLE).orElse(null);
    if (v == null || v.value().isEmpty()) {
      return DEFAULT_CONVERSATION_IDLE;
    }
    long ms;
    try {
      ms = Long.parseLong(v.value());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(v.origin() + " must be a whole number of milliseconds, e.g. 1800000 for 30 min,"
          + " but was '" + v.value() + "'");
    }
    if (ms < 1) {
      throw new ConfigurationException(v.origin() + " must be at least 1 (milliseconds), but was " + ms);
    }
    return Duration.ofMillis(ms);
  }

  /**
   * The core's "key but no project" check, said in Spring's words: which property to set where. Blank
   * counts as not set, as in the core.
   */
  private static void requireProjectWithKey(ConfigSources sources) {
    ConfigSources.Sourced key = sources.find(API_KEY).filter(v -> !v.value().isEmpty()).orElse(null);
    if (key != null && sources.find(PROJECT).filter(v -> !v.value().isEmpty()).isEmpty()) {
      throw new ConfigurationException("An API key is configured (" + key.origin() + ") but no project: set "
          + PROJECT + " in application.yml/.properties (or the HH_PROJECT environment variable, or -D" + PROJECT
          + ") to the HoneyHive project to send to");
    }
  }

  /** A tracer for {@code config} and {@code settings}, made the process-wide one so the woven aspects use it too. */
  public static Tracer createAndInstall(HoneyHiveConfig config, TracerSettings settings) {
    return HoneyHive.install(Tracer.builder().config(config).settings(settings).build());
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

  /**
   * Notes {@code span} as a model call a framework is recording, so that an SDK wrapper seeing the
   * same call under it (the OpenAI SDK's, Spring AI's OpenAI model being built on it) does not
   * record it again. {@link #modelCallEnded} must follow.
   */
  static void modelCallStarted(Span span) {
    IntegrationModelCalls.started(span.spanId());
  }

  static void modelCallEnded(Span span) {
    IntegrationModelCalls.ended(span.spanId());
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
