package ai.honeyhive.transport.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies for the value types: JSON objects may hold null values, so no Map.copyOf. */
final class Maps {
  private Maps() {}

  static Map<String, Object> copy(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
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
