package ai.honeyhive.test;

import ai.honeyhive.test.internal.Snapshots;
import ai.honeyhive.test.internal.TreeText;
import ai.honeyhive.test.internal.Values;
import ai.honeyhive.transport.model.Event;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a recorded session; {@link #root()} and friends walk into its tree. */
public final class SessionAssert extends AbstractAssert<SessionAssert, RecordedSession> {

  SessionAssert(RecordedSession session) {
    super(session, SessionAssert.class);
    isNotNull();
  }

  public SessionAssert hasName(String name) {
    if (!Objects.equals(actual.name(), name)) {
      fail("Expected the session to be named " + Values.show(name) + " but it is named " + Values.show(actual.name()));
    }
    return this;
  }

  /** How many events the session holds, at every depth. */
  public SessionAssert hasEventCount(int count) {
    if (actual.events().size() != count) {
      fail("Expected the session to hold " + count + " events but it holds " + actual.events().size());
    }
    return this;
  }

  public SessionAssert hasNoError() {
    if (actual.properties().error() != null) {
      fail("Expected the session to have no error but it has " + Values.show(actual.properties().error()));
    }
    return this;
  }

  public SessionAssert hasErrorContaining(String text) {
    String error = actual.properties().error();
    if (error == null || !error.contains(text)) {
      fail("Expected the session's error to contain " + Values.show(text) + " but it was " + Values.show(error));
    }
    return this;
  }

  public SessionAssert hasInput(String key, Object value) {
    check("inputs", actual.properties().inputs(), key, value);
    return this;
  }

  public SessionAssert hasOutput(String key, Object value) {
    check("outputs", actual.properties().outputs(), key, value);
    return this;
  }

  public SessionAssert hasMetadata(String key, Object value) {
    check("metadata", actual.properties().metadata(), key, value);
    return this;
  }

  /**
   * The links hold as the API needs them: every event carries the session's id and an id of its
   * own, every parent is the session or one of its events, and each event's {@code children_ids}
   * lists exactly the events naming it as their parent, each once.
   */
  public SessionAssert isWellFormed() {
    Map<String, Event> byId = new HashMap<>();
    for (Event e : actual.events()) {
      if (!Objects.equals(e.sessionId(), actual.id())) {
        failAt(e, "to carry the session's id " + Values.show(actual.id()) + " but it carries " + Values.show(e.sessionId()));
      }
      if (byId.put(e.eventId(), e) != null) {
        failAt(e, "to have an id of its own but " + Values.show(e.eventId()) + " is another event's too");
      }
    }
    for (Event e : actual.events()) {
      if (!Objects.equals(e.parentId(), actual.id())) {
        Event parent = byId.get(e.parentId());
        if (parent == null) {
          failAt(e, "to have the session or one of its events as parent but its parent_id is " + Values.show(e.parentId()));
        } else if (parent.childrenIds() == null || !parent.childrenIds().contains(e.eventId())) {
          failAt(parent, "to list its child " + Values.show(e.eventId()) + " (" + e.eventName() + ") in children_ids but they are "
              + parent.childrenIds());
        }
      }
      List<String> kids = e.childrenIds() == null ? List.of() : e.childrenIds();
      if (new HashSet<>(kids).size() != kids.size()) {
        failAt(e, "to list each child once in children_ids but they are " + kids);
      }
      for (String kid : kids) {
        Event child = byId.get(kid);
        if (child == null || !Objects.equals(child.parentId(), e.eventId())) {
          failAt(e, "to list in children_ids only events whose parent it is but " + Values.show(kid)
              + (child == null ? " is no event of the session" : " names " + Values.show(child.parentId()) + " as its parent"));
        }
      }
    }
    return this;
  }

  /** The names of the top-level events, in the order they started. */
  public SessionAssert hasRootsNamed(String... names) {
    List<String> actualNames = actual.roots().stream().map(Event::eventName).collect(Collectors.toList());
    if (!actualNames.equals(List.of(names))) {
      fail("Expected the session's top-level events to be " + List.of(names) + " but they are " + actualNames);
    }
    return this;
  }

  /** The session's one top-level event; fails if it has none or several. */
  public EventAssert root() {
    List<Event> roots = actual.roots();
    if (roots.size() != 1) {
      fail("Expected the session to have exactly one top-level event but it has " + roots.size());
    }
    return new EventAssert(actual, roots.get(0), this, rootPath(roots.get(0)));
  }

  /** The one top-level event named {@code name}. */
  public EventAssert root(String name) {
    List<Event> found = actual.roots().stream().filter(e -> Objects.equals(e.eventName(), name)).collect(Collectors.toList());
    if (found.size() != 1) {
      fail("Expected exactly one top-level event named " + Values.show(name) + " but found " + found.size());
    }
    return new EventAssert(actual, found.get(0), this, rootPath(found.get(0)));
  }

  /** The top-level event at {@code index} (from 0, in start order). */
  public EventAssert root(int index) {
    List<Event> roots = actual.roots();
    if (index < 0 || index >= roots.size()) {
      fail("Expected a top-level event at index " + index + " but the session has " + roots.size());
    }
    return new EventAssert(actual, roots.get(index), this, rootPath(roots.get(index)));
  }

  /** The one event named {@code name} anywhere in the tree. */
  public EventAssert event(String name) {
    List<Event> found = actual.eventsNamed(name);
    if (found.size() != 1) {
      fail("Expected exactly one event named " + Values.show(name) + " in the session but found " + found.size());
    }
    return new EventAssert(actual, found.get(0), this, "session " + Values.show(actual.name()) + " > ... > " + name);
  }

  /** Compares the session with a JSON snapshot; see {@link Snapshots}. */
  public SessionAssert matchesSnapshot(String resourcePath) {
    Snapshots.assertMatches(actual, resourcePath);
    return this;
  }

  private String rootPath(Event e) {
    return "session " + Values.show(actual.name()) + " > " + e.eventName();
  }

  private void check(String field, Map<String, Object> map, String key, Object value) {
    if (map == null || !map.containsKey(key)) {
      fail("Expected the session's " + field + " to hold " + Values.show(key) + " but its " + field + " are " + map);
    } else if (!Values.same(value, map.get(key))) {
      fail("Expected the session's " + field + "." + key + " to be " + Values.show(value) + " but it was "
          + Values.show(map.get(key)));
    }
  }

  private void failAt(Event e, String what) {
    String message = "Expected event <session " + Values.show(actual.name()) + " > ... > " + e.eventName() + "> " + what;
    throw failure(message + "\n\n" + TreeText.render(actual, e, "here"));
  }

  private void fail(String message) {
    throw failure(message + "\n\n" + TreeText.render(actual, null, "here"));
  }

  private AssertionError failure(String message) {
    return new AssertionError(info.descriptionText().isEmpty() ? message : "[" + info.descriptionText() + "] " + message);
  }
}
