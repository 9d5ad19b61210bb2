package ai.honeyhive.internal;

import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's events, gathered until the session completes: when nothing in it is still open
 * (its root event has ended, or for an explicit session it has been closed, and every event
 * started inside has ended). It is then exported as one batch, with each event's
 * {@code children_ids} derived from the {@code parent_id}s so that both directions agree.
 *
 * <p>An event that starts after the session completed (work the session left running) is
 * exported when it ends, in a follow-up batch for the same session id. Not public API.
 */
public final class SessionTree {
  private final TracerRuntime runtime;
  private final String sessionId;
  private final boolean implicit;
  private final String name;
  private final Map<String, Object> inputs = new LinkedHashMap<>();
  private final Map<String, Object> metadata = new LinkedHashMap<>();
  private final Map<String, Object> userProperties = new LinkedHashMap<>();
  private Map<String, Object> outputs;
  private String error;

  private List<ActiveEvent> pending = new ArrayList<>();
  private int open;
  private boolean reported;

  private SessionTree(TracerRuntime runtime, String name, boolean implicit, int open) {
    this.runtime = runtime;
    this.sessionId = Ids.newId();
    this.name = name;
    this.implicit = implicit;
    this.open = open;
  }

  /** A session started by a traced call with no session open; the call's event is its root. */
  static SessionTree implicit(TracerRuntime runtime, String rootName) {
    return new SessionTree(runtime, runtime.config().sessionName().orElse(rootName), true, 0);
  }

  /** A session opened explicitly; it stays open until {@link #release()} is called for it. */
  static SessionTree explicit(TracerRuntime runtime, String name) {
    String n = name != null && !name.isBlank() ? name : runtime.config().sessionName().orElse("session");
    return new SessionTree(runtime, n, false, 1);
  }

  public String sessionId() {
    return sessionId;
  }

  public String name() {
    return name;
  }

  TracerRuntime runtime() {
    return runtime;
  }

  synchronized void putInput(String key, Object captured) {
    inputs.put(key, captured);
  }

  synchronized void putMetadata(String key, Object captured) {
    metadata.put(key, captured);
  }

  synchronized void putUserProperty(String key, Object captured) {
    userProperties.put(key, captured);
  }

  synchronized void setOutputs(Map<String, Object> captured) {
    outputs = captured;
  }

  synchronized void setError(String described) {
    error = described;
  }

  synchronized void eventStarted(ActiveEvent event) {
    pending.add(event);
    open++;
  }

  void eventEnded(ActiveEvent event) {
    release();
  }

  /** Drops one hold on the session; the last one exports what has gathered. */
  void release() {
    List<ActiveEvent> batch;
    boolean first;
    synchronized (this) {
      if (--open > 0) {
        return;
      }
      batch = pending;
      pending = new ArrayList<>();
      first = !reported;
      reported = true;
    }
    if (!batch.isEmpty() || first) {
      runtime.export(assemble(batch, first));
    }
  }

  private BatchRequest assemble(List<ActiveEvent> batch, boolean first) {
    Map<String, List<String>> children = new HashMap<>();
    for (ActiveEvent e : batch) {
      children.computeIfAbsent(e.parentId(), k -> new ArrayList<>()).add(e.eventId());
    }
    String project = runtime.config().project();
    String source = runtime.config().source();
    List<Event> events = new ArrayList<>(batch.size());
    for (ActiveEvent e : batch) {
      events.add(e.toEvent(children.getOrDefault(e.eventId(), List.of()), project, source));
    }
    SessionProperties props = first ? properties(events) : SessionProperties.ofId(sessionId);
    return BatchRequest.ofSession(props, events);
  }

  /** From the finished events, so an implicit session's inputs and outputs are within the limits too. */
  private synchronized SessionProperties properties(List<Event> batch) {
    Map<String, Object> in = inputs;
    Map<String, Object> out = outputs;
    String err = error;
    if (implicit) {
      for (Event e : batch) {
        if (sessionId.equals(e.parentId())) {
          in = orEmpty(e.inputs());
          out = e.outputs();
          err = e.error();
          break;
        }
      }
    }
    return new SessionProperties(runtime.config().source(), name, sessionId, Map.of(), in,
        orEmpty(out), err, Map.of(), Map.of(), metadata, userProperties);
  }

  private static Map<String, Object> orEmpty(Map<String, Object> m) {
    return m == null ? Map.of() : m;
  }
}
