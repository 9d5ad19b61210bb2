package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.internal.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session batch reduced to what a trace means, for comparing runs: each event's type, name,
 * inputs, outputs, error, config, metadata and metrics, nested through {@code children_ids}
 * (children in name order: parallel children start in any order); ids and times dropped.
 */
final class SessionTrees {
  private SessionTrees() {}

  /** The batch's root events as trees, checking on the way that ids and parents are consistent. */
  static JsonNode of(JsonNode batch) {
    String sessionId = batch.path("session_properties").path("session_id").asText();
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode e : batch.get("events")) {
      assertThat(e.path("session_id").asText()).isEqualTo(sessionId);
      assertThat(byId.put(e.get("event_id").asText(), e)).as("unique event ids").isNull();
    }
    ArrayNode roots = JsonMappers.mapper().createArrayNode();
    Set<String> reached = new HashSet<>();
    for (JsonNode e : batch.get("events")) {
      if (e.get("parent_id").asText().equals(sessionId)) {
        roots.add(node(e, byId, reached));
      }
    }
    assertThat(reached).as("every event hangs off the session").isEqualTo(byId.keySet());
    return roots;
  }

  private static ObjectNode node(JsonNode e, Map<String, JsonNode> byId, Set<String> reached) {
    reached.add(e.get("event_id").asText());
    ObjectNode n = JsonMappers.mapper().createObjectNode();
    for (String field : List.of("event_type", "event_name", "inputs", "outputs", "error", "config",
        "metadata", "metrics")) {
      n.set(field, e.get(field));
    }
    List<ObjectNode> children = new ArrayList<>();
    for (JsonNode childId : e.path("children_ids")) {
      JsonNode child = byId.get(childId.asText());
      assertThat(child).as("child %s of %s", childId, e.get("event_name")).isNotNull();
      assertThat(child.get("parent_id").asText()).isEqualTo(e.get("event_id").asText());
      children.add(node(child, byId, reached));
    }
    children.sort(Comparator.comparing((ObjectNode c) -> c.get("event_name").asText())
        .thenComparing(c -> c.toString()));
    n.putArray("children").addAll(children);
    return n;
  }

  /** "chain support_question[tool retrieve_documents, ...]": the shape at a glance. */
  static String shape(JsonNode trees) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < trees.size(); i++) {
      JsonNode n = trees.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(n.get("event_type").asText()).append(' ').append(n.get("event_name").asText());
      if (!n.get("children").isEmpty()) {
        sb.append('[').append(shape(n.get("children"))).append(']');
      }
    }
    return sb.toString();
  }
}
