package ai.honeyhive;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.EventExporter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide tracer that the annotations use.
 *
 * <p>It is created on first use from system properties and the environment ({@code HH_API_KEY},
 * {@code HH_PROJECT}, ...), so annotated code needs no set-up. A JVM shutdown hook flushes it, so
 * sessions completed before an orderly exit are delivered. {@link #configure} replaces it.
 */
public final class HoneyHive {
  private static final Logger LOG = LoggerFactory.getLogger(HoneyHive.class);
  private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();
  private static volatile Tracer global;

  private HoneyHive() {}

  /** The process-wide tracer, created from the environment on first use. Never null. */
  public static Tracer tracer() {
    Tracer t = global;
    return t != null ? t : initFromEnvironment();
  }

  /** Whether woven calls are traced right now: the check the aspects make before anything else. */
  public static boolean isTracingActive() {
    Tracer t = global;
    return (t != null ? t : initFromEnvironment()).isEnabled();
  }

  /**
   * Replaces the process-wide tracer with one built from {@code config}, shutting the previous
   * one down (it delivers what it had). Returns the new tracer.
   */
  public static Tracer configure(HoneyHiveConfig config) {
    return install(Tracer.create(config));
  }

  /**
   * Makes {@code tracer} the process-wide tracer, shutting the previous one down. Returns it.
   */
  public static synchronized Tracer install(Tracer tracer) {
    Tracer previous = global;
    global = Objects.requireNonNull(tracer, "tracer");
    installShutdownHook();
    if (previous != null && previous != tracer) {
      previous.shutdown(previous.config().export().shutdownTimeout());
    }
    return tracer;
  }

  /** Opens a session on the process-wide tracer; see {@link Tracer#newSession(String)}. */
  public static Session newSession(String name) {
    return tracer().newSession(name);
  }

  /** Flushes the process-wide tracer; see {@link Tracer#flush(Duration)}. */
  public static boolean flush(Duration timeout) {
    return tracer().flush(timeout);
  }

  /** Shuts the process-wide tracer down; see {@link Tracer#shutdown(Duration)}. */
  public static boolean shutdown(Duration timeout) {
    return tracer().shutdown(timeout);
  }

  private static synchronized Tracer initFromEnvironment() {
    if (global == null) {
      Tracer t;
      try {
        t = Tracer.create(HoneyHiveConfig.fromEnvironment());
      } catch (RuntimeException | LinkageError e) { // LinkageError: e.g. the HTTP client jar is missing
        if (e instanceof ConfigurationException) {
          LOG.error("HoneyHive tracing is off: {}", e.getMessage());
        } else {
          LOG.error("HoneyHive tracing is off: it could not start", e);
        }
        t = Tracer.builder()
            .config(HoneyHiveConfig.builder(Map.of(), Map.of()).tracingEnabled(false).build())
            .exporter(EventExporter.noop())
            .build();
      }
      global = t;
      installShutdownHook();
    }
    return global;
  }

  private static void installShutdownHook() {
    if (HOOK_INSTALLED.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          Tracer t = global;
          if (t != null) {
            // bounded by HH_SHUTDOWN_TIMEOUT_MS: queued sessions are delivered, then the JVM exits
            t.shutdown(t.config().export().shutdownTimeout());
          }
        }, "honeyhive-shutdown"));
      } catch (IllegalStateException | SecurityException e) {
        LOG.warn("HoneyHive could not install its shutdown hook; call HoneyHive.shutdown() before exit");
      }
    }
  }
}
