package ai.honeyhive.test.internal;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import java.lang.reflect.Field;

/**
 * Swaps the process-wide tracer that the annotations use, and swaps it back, without shutting
 * the previous one down (which {@link HoneyHive#install} does) and without creating one from the
 * environment (which {@link HoneyHive#tracer()} does when there is none).
 *
 * <p>The core has no public call for this yet, so this reads and writes its {@code global} field:
 * the one place the kit depends on the core's internals. It works on the class path (not as a
 * named module).
 */
public final class GlobalTracerSlot {
  private static final Field GLOBAL = globalField();

  private GlobalTracerSlot() {}

  /** Installs {@code tracer} for the annotations and returns the tracer it replaced (may be null). */
  public static synchronized Tracer swap(Tracer tracer) {
    try {
      Tracer previous = (Tracer) GLOBAL.get(null);
      GLOBAL.set(null, tracer);
      return previous;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(mismatch(), e);
    }
  }

  /** The installed tracer, or null if none was created yet. */
  public static Tracer current() {
    try {
      return (Tracer) GLOBAL.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(mismatch(), e);
    }
  }

  private static Field globalField() {
    try {
      Field f = HoneyHive.class.getDeclaredField("global");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException | RuntimeException e) {
      throw new IllegalStateException(mismatch(), e);
    }
  }

  private static String mismatch() {
    return "honeyhive-test cannot install its tracer in this honeyhive-core: use the same version of both";
  }
}
