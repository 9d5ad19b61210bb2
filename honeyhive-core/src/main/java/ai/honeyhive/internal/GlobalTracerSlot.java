package ai.honeyhive.internal;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import java.util.Objects;

/**
 * Not public API: swaps the process-wide tracer that the annotations use without shutting the
 * previous one down (which {@link HoneyHive#install} does) and without creating one from the
 * environment (which {@link HoneyHive#tracer()} does when there is none). For test kits
 * (honeyhive-test), which put the previous tracer back after each test.
 */
public final class GlobalTracerSlot {
  /** What {@link HoneyHive} hands over when it is initialised: its own field, under its own lock. */
  public interface Access {
    Tracer current();

    Tracer swap(Tracer tracer);
  }

  private static volatile Access access;

  private GlobalTracerSlot() {}

  /** Called once, by {@link HoneyHive}'s static initialiser. */
  public static void register(Access hooks) {
    if (access != null) {
      throw new IllegalStateException("the global tracer slot is registered already");
    }
    access = Objects.requireNonNull(hooks, "hooks");
  }

  /** Installs {@code tracer} (null: none yet) and returns the tracer it replaced (may be null). */
  public static Tracer swap(Tracer tracer) {
    return access().swap(tracer);
  }

  /** The installed tracer, or null if none was created yet. */
  public static Tracer current() {
    return access().current();
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      try {   // HoneyHive registers itself when it is initialised
        Class.forName(HoneyHive.class.getName(), true, HoneyHive.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = access;
    }
    return a;
  }
}
