package ai.honeyhive.test;

import ai.honeyhive.Tracer;
import ai.honeyhive.internal.GlobalTracerSlot;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes a tracer of the test's choosing the process-wide one the annotations use, until closed;
 * closing shuts it down (delivering what it recorded, within the timeout) and puts the previous
 * tracer back as it was. For integration tests that send to {@link HoneyHiveStandIn}:
 * <pre>{@code
 * try (ScopedGlobalTracer scoped = ScopedGlobalTracer.install(Tracer.create(config))) {
 *   assistant.answer("refunds");
 * }   // delivered here
 * }</pre>
 * Under parallel execution, hold the {@value HoneyHiveTestExtension#GLOBAL_TRACER} resource lock
 * ({@code @ResourceLock(HoneyHiveTestExtension.GLOBAL_TRACER)}), as {@link TracingTest} does.
 */
public final class ScopedGlobalTracer implements AutoCloseable {
  private final Tracer tracer;
  private final Tracer previous;
  private final Duration shutdownTimeout;
  private boolean closed;

  private ScopedGlobalTracer(Tracer tracer, Duration shutdownTimeout) {
    this.tracer = tracer;
    this.shutdownTimeout = shutdownTimeout;
    this.previous = GlobalTracerSlot.swap(tracer);
  }

  /** Installs {@code tracer}; closing gives it 10 seconds to deliver. */
  public static ScopedGlobalTracer install(Tracer tracer) {
    return install(tracer, Duration.ofSeconds(10));
  }

  /** Installs {@code tracer}; closing gives it {@code shutdownTimeout} to deliver. */
  public static ScopedGlobalTracer install(Tracer tracer, Duration shutdownTimeout) {
    return new ScopedGlobalTracer(Objects.requireNonNull(tracer, "tracer"),
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout"));
  }

  public Tracer tracer() {
    return tracer;
  }

  /**
   * Puts the previous tracer back and shuts this one down; true if everything it recorded was
   * delivered. Idempotent.
   */
  public boolean shutdown() {
    if (closed) {
      return true;
    }
    closed = true;
    GlobalTracerSlot.swap(previous);
    return tracer.shutdown(shutdownTimeout);
  }

  @Override
  public void close() {
    shutdown();
  }
}
