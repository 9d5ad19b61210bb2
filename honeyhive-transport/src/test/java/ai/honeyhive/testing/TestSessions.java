package ai.honeyhive.testing;

import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds sessions shaped as the tracer emits them: a chain root with a tree of children. */
public final class TestSessions {
  private TestSessions() {}

  /** A session of {@code events} events: a root chain, each later event a child of an earlier one. */
  public static BatchRequest session(int events) {
    return session(events, 0);
  }

  /** As {@link #session(int)}, each event carrying a {@code payloadChars}-character input. */
  public static BatchRequest session(int events, int payloadChars) {
    String sessionId = UUID.randomUUID().toString();
    List<String> ids = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      ids.add(UUID.randomUUID().toString());
      // a binary-tree shape, so links cross any split point
      parents.add(i == 0 ? sessionId : ids.get((i - 1) / 2));
    }
    Map<String, List<String>> children = new HashMap<>();
    for (int i = 1; i < events; i++) {
      children.computeIfAbsent(parents.get(i), k -> new ArrayList<>()).add(ids.get(i));
    }
    String payload = "x".repeat(payloadChars);
    long t0 = 1_714_978_764_301L;
    List<Event> list = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      list.add(Event.builder()
          .project("test-project")
          .eventType(i == 0 ? EventType.CHAIN : i % 2 == 0 ? EventType.MODEL : EventType.TOOL)
          .eventName("step-" + i)
          .source("test")
          .sessionId(sessionId)
          .eventId(ids.get(i))
          .parentId(parents.get(i))
          .childrenIds(children.getOrDefault(ids.get(i), List.of()))
          .config(Map.of())
          .inputs(Map.of("n", i, "text", payload))
          .outputs(Map.of("result", "r" + i))
          .startTime(t0 + i)
          .endTime(t0 + i + 1)
          .duration(1.25)
          .metadata(Map.of())
          .build());
    }
    SessionProperties props = new SessionProperties("test", "session-" + sessionId.substring(0, 8),
        sessionId, Map.of(), Map.of("question", "q"), Map.of("answer", "a"), null, Map.of(),
        Map.of(), Map.of(), Map.of());
    return BatchRequest.ofSession(props, list);
  }

  public static List<BatchRequest> sessions(int count, int eventsEach) {
    List<BatchRequest> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(session(eventsEach));
    }
    return out;
  }

  /** Every event id of these sessions, in order. */
  public static List<String> eventIds(List<BatchRequest> sessions) {
    List<String> ids = new ArrayList<>();
    for (BatchRequest s : sessions) {
      for (Event e : s.events()) {
        ids.add(e.eventId());
      }
    }
    return ids;
  }
}
