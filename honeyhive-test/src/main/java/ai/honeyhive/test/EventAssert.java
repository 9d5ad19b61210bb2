package ai.honeyhive.test;

import ai.honeyhive.Span;
import ai.honeyhive.test.internal.TreeText;
import ai.honeyhive.test.internal.Values;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one event of a recorded session. {@link #child(String)}, {@link #child(int)} and
 * {@link #parent()} walk the tree, so one chain of calls reads like the trace. A failure names the
 * event by its path and prints the session's tree with the event marked.
 */
public final class EventAssert extends AbstractAssert<EventAssert, Event> {
  private final RecordedSession session;
  private final SessionAssert sessionAssert;
  private final String path;

  EventAssert(RecordedSession session, Event event, SessionAssert sessionAssert, String path) {
    super(event, EventAssert.class);
    this.session = session;
    this.sessionAssert = sessionAssert;
    this.path = path;
  }

  /** The event itself, to assert on anything else. */
  public Event event() {
    return actual;
  }

  public EventAssert hasType(EventType type) {
    if (actual.eventType() != type) {
      fail("to be a " + wire(type) + " event but it is a " + wire(actual.eventType()) + " event");
    }
    return this;
  }

  public EventAssert isChain() {
    return hasType(EventType.CHAIN);
  }

  public EventAssert isTool() {
    return hasType(EventType.TOOL);
  }

  public EventAssert isModel() {
    return hasType(EventType.MODEL);
  }

  public EventAssert hasName(String name) {
    if (!Objects.equals(actual.eventName(), name)) {
      fail("to be named " + Values.show(name) + " but it is named " + Values.show(actual.eventName()));
    }
    return this;
  }

  public EventAssert hasInput(String key, Object value) {
    return entry("inputs", actual.inputs(), key, value);
  }

  /** Exactly these inputs, no more. */
  public EventAssert hasInputs(Map<String, ?> inputs) {
    return whole("inputs", actual.inputs(), inputs);
  }

  public EventAssert hasOutput(String key, Object value) {
    return entry("outputs", actual.outputs(), key, value);
  }

  /** Exactly these outputs, no more. */
  public EventAssert hasOutputs(Map<String, ?> outputs) {
    return whole("outputs", actual.outputs(), outputs);
  }

  /** The value the traced method returned (recorded under {@code outputs.result}). */
  public EventAssert hasResult(Object value) {
    return entry("outputs", actual.outputs(), Span.RESULT_KEY, value);
  }

  public EventAssert hasNoError() {
    if (actual.error() != null) {
      fail("to have no error but it has " + Values.show(actual.error()));
    }
    return this;
  }

  /** An error whose text ({@code "<exception class>: <message>"}) contains {@code text}. */
  public EventAssert hasErrorContaining(String text) {
    if (actual.error() == null || !actual.error().contains(text)) {
      fail("to have an error containing " + Values.show(text) + " but its error was " + Values.show(actual.error()));
    }
    return this;
  }

  public EventAssert hasConfig(String key, Object value) {
    return entry("config", actual.config(), key, value);
  }

  public EventAssert hasModel(String model) {
    return hasConfig("model", model);
  }

  public EventAssert hasProvider(String provider) {
    return hasConfig("provider", provider);
  }

  public EventAssert hasMetadata(String key, Object value) {
    return entry("metadata", actual.metadata(), key, value);
  }

  /** Token usage as {@link Span#setTokenUsage(long, long)} records it, the total being their sum. */
  public EventAssert hasTokenUsage(long promptTokens, long completionTokens) {
    return hasMetadata(Span.PROMPT_TOKENS, promptTokens)
        .hasMetadata(Span.COMPLETION_TOKENS, completionTokens)
        .hasMetadata(Span.TOTAL_TOKENS, promptTokens + completionTokens);
  }

  public EventAssert hasMetric(String key, Object value) {
    return entry("metrics", actual.metrics(), key, value);
  }

  public EventAssert hasFeedback(String key, Object value) {
    return entry("feedback", actual.feedback(), key, value);
  }

  public EventAssert hasUserProperty(String key, Object value) {
    return entry("user_properties", actual.userProperties(), key, value);
  }

  public EventAssert hasChildCount(int count) {
    int n = session.children(actual).size();
    if (n != count) {
      fail("to have " + count + (count == 1 ? " child" : " children") + " but it has " + n);
    }
    return this;
  }

  public EventAssert hasNoChildren() {
    return hasChildCount(0);
  }

  /** The names of the children, all of them, in the order they started. */
  public EventAssert hasChildrenNamed(String... names) {
    List<String> actualNames = session.children(actual).stream().map(Event::eventName).collect(Collectors.toList());
    if (!actualNames.equals(List.of(names))) {
      fail("to have children " + List.of(names) + " in this order but they are " + actualNames);
    }
    return this;
  }

  /** The one child named {@code name}; fails if there is none or several. */
  public EventAssert child(String name) {
    List<Event> found = session.children(actual).stream()
        .filter(e -> Objects.equals(e.eventName(), name)).collect(Collectors.toList());
    if (found.size() != 1) {
      fail("to have exactly one child named " + Values.show(name) + " but it has " + found.size());
    }
    return new EventAssert(session, found.get(0), sessionAssert, path + " > " + name);
  }

  /** The child at {@code index} (from 0, in the order they started). */
  public EventAssert child(int index) {
    List<Event> kids = session.children(actual);
    if (index < 0 || index >= kids.size()) {
      fail("to have a child at index " + index + " but it has " + kids.size() + (kids.size() == 1 ? " child" : " children"));
    }
    Event child = kids.get(index);
    return new EventAssert(session, child, sessionAssert, path + " > [" + index + "] " + child.eventName());
  }

  /** Back to the parent event; fails on a top-level event (use {@link #session()}). */
  public EventAssert parent() {
    Event p = session.parent(actual).orElse(null);
    if (p == null) {
      fail("to have a parent event but it is a top-level event");
    }
    int cut = path.lastIndexOf(" > ");
    return new EventAssert(session, p, sessionAssert, cut > 0 ? path.substring(0, cut) : p.eventName());
  }

  /** Back to the session. */
  public SessionAssert session() {
    return sessionAssert;
  }

  /** Runs more assertions on this event, e.g. AssertJ's on {@link #event()}'s fields, and stays here. */
  public EventAssert satisfiesEvent(Consumer<Event> requirements) {
    requirements.accept(actual);
    return this;
  }

  private EventAssert entry(String field, Map<String, Object> map, String key, Object value) {
    if (map == null || !map.containsKey(key)) {
      fail("to have " + field + "." + key + " = " + Values.show(value) + " but its " + field + " are "
          + (map == null ? "absent" : map));
    } else if (!Values.same(value, map.get(key))) {
      fail("to have " + field + "." + key + " = " + Values.show(value) + " but it was " + Values.show(map.get(key)));
    }
    return this;
  }

  private EventAssert whole(String field, Map<String, Object> map, Map<String, ?> expected) {
    if (!Values.same(expected, map == null ? Map.of() : map)) {
      fail("to have " + field + " " + expected + " but they were " + (map == null ? "absent" : map));
    }
    return this;
  }

  private static String wire(EventType type) {
    return type == null ? "typeless" : type.wireName();
  }

  /** Fails with "Expected event <path> ..." and the tree, this event marked. */
  private void fail(String what) {
    String message = "Expected event <" + path + "> " + what + "\n\n" + TreeText.render(session, actual, "here");
    throw new AssertionError(info.descriptionText().isEmpty() ? message : "[" + info.descriptionText() + "] " + message);
  }
}
