package ai.honeyhive.test.internal;

import ai.honeyhive.test.RecordedSession;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the pieces a session is exported in into one {@link RecordedSession}: the announcing
 * piece gives the properties (it may come after follow-ups), every piece adds events. Thread-safe.
 */
public final class SessionPieces {
  private final Map<String, SessionProperties> properties = new LinkedHashMap<>();
  private final Map<String, List<Event>> events = new LinkedHashMap<>();

  /** Adds a piece: the session's record (full or id only) and some of its events. */
  public synchronized void add(SessionProperties props, List<Event> pieceEvents) {
    String id = props.sessionId();
    if (id == null && !pieceEvents.isEmpty()) {
      id = pieceEvents.get(0).sessionId();
      props = SessionProperties.ofId(id);
    }
    if (id == null) {
      return;
    }
    SessionProperties known = properties.get(id);
    if (known == null || (!known.announces() && props.announces())) {
      properties.put(id, props);
    }
    events.computeIfAbsent(id, k -> new ArrayList<>()).addAll(pieceEvents);
  }

  /** Adds events whose session may not have been announced (yet). */
  public synchronized void addEvents(List<Event> loose) {
    for (Event e : loose) {
      add(SessionProperties.ofId(e.sessionId()), List.of(e));
    }
  }

  /** Every session, in the order its first piece arrived. */
  public synchronized List<RecordedSession> sessions() {
    List<RecordedSession> out = new ArrayList<>();
    properties.forEach((id, p) -> out.add(new RecordedSession(p, events.getOrDefault(id, List.of()))));
    return out;
  }

  public synchronized void clear() {
    properties.clear();
    events.clear();
  }
}
