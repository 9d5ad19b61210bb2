package ai.honeyhive.transport.model;

import ai.honeyhive.transport.model.internal.OwnedMaps;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for the value types: JSON objects may hold null values, so no Map.copyOf. */
final class Maps {
  private Maps() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    if (OwnedMaps.isOwned(map)) {
      return (Map<String, Object>) map;   // given up by its maker, and unmodifiable: see OwnedMaps
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static Map<String, Object> copyOrNull(Map<String, ?> map) {
    return map == null ? null : copy(map);
  }

  static <T> List<T> copyOrNull(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(list));
  }
}
