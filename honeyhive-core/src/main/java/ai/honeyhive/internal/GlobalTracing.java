package ai.honeyhive.internal;

import ai.honeyhive.HoneyHive;

/**
 * The check the aspects make before anything else: whether a woven call starting on this thread
 * now is recorded by the process-wide tracer. {@link HoneyHive} publishes the runtime of the tracer
 * it installs here, so the check is one volatile read and no call through the public API. Not
 * public API.
 */
public final class GlobalTracing {
  private static volatile TracerRuntime runtime;

  private GlobalTracing() {}

  public static boolean recordsHere() {
    TracerRuntime r = runtime;
    return r != null ? r.recordsHere() : TracerRuntimes.of(HoneyHive.tracer()).recordsHere();
  }

  /** The process-wide tracer's runtime, creating the tracer from the environment on first use. */
  public static TracerRuntime runtime() {
    TracerRuntime r = runtime;
    return r != null ? r : TracerRuntimes.of(HoneyHive.tracer());
  }

  /** Called by {@link HoneyHive} whenever it installs a tracer. */
  public static void publish(TracerRuntime installed) {
    runtime = installed;
  }
}
