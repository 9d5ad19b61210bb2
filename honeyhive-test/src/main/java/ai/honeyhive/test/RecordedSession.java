package ai.honeyhive.test;

import ai.honeyhive.test.internal.TreeText;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One session as it was exported: its properties and all of its events, gathered from every piece
 * it was sent in (a long session sends completed subtrees early and announces itself at the end).
 *
 * @param properties the session's record ({@code session_properties}); only the id if the session
 *     was never announced
 * @param events every event of the session, in the order they were exported
 */
public record RecordedSession(SessionProperties properties, List<Event> events) {

  public RecordedSession {
    Objects.requireNonNull(properties, "properties");
    events = List.copyOf(events);
  }

  public String id() {
    return properties.sessionId();
  }

  /** The session's name ({@code session_name}), or null if it was never announced. */
  public String name() {
    return properties.sessionName();
  }

  /** Whether some piece carried the session's full record (the tracer always sends one). */
  public boolean announced() {
    return properties.announces();
  }

  /** The session's top-level events (children of the session itself), in the order they started. */
  public List<Event> roots() {
    Set<String> ids = new HashSet<>();
    for (Event e : events) {
      ids.add(e.eventId());
    }
    List<Event> roots = new ArrayList<>();
    for (Event e : events) {
      if (e.parentId() == null || !ids.contains(e.parentId())) {
        roots.add(e);
      }
    }
    return inStartOrder(roots);
  }

  /** The children of {@code parent}, in the order they started. */
  public List<Event> children(Event parent) {
    List<Event> kids = new ArrayList<>();
    for (Event e : events) {
      if (parent.eventId() != null && parent.eventId().equals(e.parentId())) {
        kids.add(e);
      }
    }
    return inStartOrder(kids);
  }

  /** The parent event of {@code child}, empty for a top-level event. */
  public Optional<Event> parent(Event child) {
    return events.stream().filter(e -> e.eventId() != null && e.eventId().equals(child.parentId())).findFirst();
  }

  /** Every event with this name, in tree order (depth first, children in start order). */
  public List<Event> eventsNamed(String name) {
    List<Event> found = new ArrayList<>();
    for (Event e : inTreeOrder()) {
      if (Objects.equals(e.eventName(), name)) {
        found.add(e);
      }
    }
    return found;
  }

  /** All events depth first, each parent before its children, children in start order. */
  public List<Event> inTreeOrder() {
    List<Event> out = new ArrayList<>();
    for (Event root : roots()) {
      walk(root, out);
    }
    return out;
  }

  private void walk(Event e, List<Event> out) {
    out.add(e);
    for (Event child : children(e)) {
      walk(child, out);
    }
  }

  /**
   * Siblings in start order. Events recorded one after the other end in that order too, and the
   * export order breaks ties between equal millisecond start times.
   */
  private static List<Event> inStartOrder(List<Event> events) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing((Event e) -> e.startTime() == null ? Long.MAX_VALUE : e.startTime()));
    return sorted;
  }

  /** The tree as the console exporter prints it. */
  @Override
  public String toString() {
    return TreeText.render(this, null, null);
  }
}
