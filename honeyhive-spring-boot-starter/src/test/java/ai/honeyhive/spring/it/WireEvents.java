package ai.honeyhive.spring.it;

import ai.honeyhive.test.HoneyHiveStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The events the test kit's HoneyHive stand-in received, as the JSON they were sent in (the records
 * announcing sessions left out), for checks field by field on the wire names.
 */
final class WireEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WireEvents() {}

  static List<JsonNode> of(HoneyHiveStandIn api) {
    return api.events().stream().<JsonNode>map(JSON::valueToTree)
        .filter(e -> !"session".equals(e.path("event_type").asText())).toList();
  }

  static List<JsonNode> of(HoneyHiveStandIn api, String type) {
    return of(api).stream().filter(e -> type.equals(e.path("event_type").asText())).toList();
  }
}
