package ai.honeyhive.internal;

import ai.honeyhive.transport.model.EventType;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event type and name of each concrete {@code ConfiguredTraceAspect}, keyed by the aspect's
 * class name: the load-time agent registers one entry per configured method before it generates
 * the aspect, and the aspect looks its entry up on first use. Not public API.
 */
public final class ConfiguredMethods {
  private static final ConcurrentHashMap<String, Target> TARGETS = new ConcurrentHashMap<>();

  private ConfiguredMethods() {}

  /** What a configured aspect records: the event type and name (empty means the method's name). */
  public record Target(EventType type, String eventName) {
    public Target {
      Objects.requireNonNull(type, "type");
      eventName = eventName == null ? "" : eventName;
    }
  }

  /** Records what the concrete aspect {@code aspectClassName} traces its methods as. */
  public static void register(String aspectClassName, EventType type, String eventName) {
    TARGETS.put(Objects.requireNonNull(aspectClassName, "aspectClassName"), new Target(type, eventName));
  }

  /**
   * The target registered for {@code aspectClassName}; a tool event named after the method when
   * there is none (an aspect a user concretized by hand).
   */
  public static Target lookup(String aspectClassName) {
    Target t = TARGETS.get(aspectClassName);
    return t != null ? t : new Target(EventType.TOOL, "");
  }
}
