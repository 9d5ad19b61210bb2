package ai.honeyhive.transport.model.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Maps whose maker gives them up to the wire model: an {@code Event} keeps such a map as it is
 * instead of copying it, as it copies any other map it is given. The tracer assembles each event's
 * maps afresh on the export worker from values it captured and no longer changes, so the copy
 * would be the same entries made twice over, for every event. The wrapper reads through to the
 * given map and cannot change it; it is made only here, so an application's own maps are always
 * copied. Not public API.
 */
public final class OwnedMaps {
  private OwnedMaps() {}

  /**
   * {@code map}, which the caller never changes or hands anyone else again, as a map an
   * {@code Event} keeps without a copy; null stays null.
   */
  public static Map<String, Object> givenUp(Map<String, Object> map) {
    return map == null || map instanceof Owned ? map : new Owned(map);
  }

  /** Whether {@code map} came from {@link #givenUp}: it cannot change, so it need not be copied. */
  public static boolean isOwned(Map<?, ?> map) {
    return map instanceof Owned;
  }

  /** An unmodifiable view of a map nobody else holds. */
  private static final class Owned extends AbstractMap<String, Object> {
    private final Map<String, Object> map;

    Owned(Map<String, Object> map) {
      this.map = Collections.unmodifiableMap(map);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return map.entrySet();
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }
  }
}
