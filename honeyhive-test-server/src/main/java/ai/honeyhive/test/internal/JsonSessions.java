package ai.honeyhive.test.internal;

import ai.honeyhive.test.StandInServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not public API. Gathers the pieces a session is exported in into one
 * {@link StandInServer.Session}: the announcing piece gives the properties (it may come after
 * follow-ups), every piece adds events. Thread-safe.
 */
public final class JsonSessions {
  private final Map<String, ObjectNode> properties = new LinkedHashMap<>();
  private final Map<String, List<JsonNode>> events = new LinkedHashMap<>();

  /** Adds a piece: the session's record (full or id only) and some of its events. */
  public synchronized void add(ObjectNode props, List<JsonNode> pieceEvents) {
    String id = props.path("session_id").asText(null);
    if (id == null && !pieceEvents.isEmpty()) {
      id = pieceEvents.get(0).path("session_id").asText(null);
      props = ofId(id);
    }
    if (id == null) {
      return;
    }
    ObjectNode known = properties.get(id);
    if (known == null || (!StandInServer.Session.announces(known) && StandInServer.Session.announces(props))) {
      properties.put(id, props);
    }
    events.computeIfAbsent(id, k -> new ArrayList<>()).addAll(pieceEvents);
  }

  /** Adds events whose session may not have been announced (yet). */
  public synchronized void addEvents(List<JsonNode> loose) {
    for (JsonNode e : loose) {
      add(ofId(e.path("session_id").asText(null)), List.of(e));
    }
  }

  /** Every session, in the order its first piece arrived. */
  public synchronized List<StandInServer.Session> sessions() {
    List<StandInServer.Session> out = new ArrayList<>();
    properties.forEach((id, p) -> out.add(new StandInServer.Session(id, p, events.getOrDefault(id, List.of()))));
    return out;
  }

  public synchronized void clear() {
    properties.clear();
    events.clear();
  }

  private static ObjectNode ofId(String id) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    if (id != null) {
      n.put("session_id", id);
    }
    return n;
  }
}
