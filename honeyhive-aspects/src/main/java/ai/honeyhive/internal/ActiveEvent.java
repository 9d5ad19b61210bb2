package ai.honeyhive.internal;

import ai.honeyhive.Span;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event in progress: the mutable state behind a {@link Span} until it ends, then the source of
 * its {@link Event}. Mutations are synchronized because enrichment may come from other threads
 * than the one that started the event. Not public API.
 */
public final class ActiveEvent implements Span, ContextFrame {
  private final SessionTree session;
  /** Drawn at the start, formatted when first asked for (see {@link Ids#format}). */
  private final long idMsb;
  private final long idLsb;
  private volatile String eventId;
  /** The parent event's id; null when the parent is the session itself, whose id is formatted late too. */
  private final String parentId;
  private final EventType type;
  private final String name;
  private final long startMillis;
  private final long startNanos;
  /** What was current on the starting thread before this event; restored when it ends. */
  private final ContextFrame restoreTo;
  private final Thread thread;
  /** What started it, for the aspect to find its own event at method exit; null for the API. */
  private final Object origin;
  /** Bounds what this event's captured values hold; counts what was cut. */
  private final CaptureBudget budget;

  private Map<String, Object> inputs;
  private Map<String, Object> outputs;
  private Map<String, Object> config;
  private Map<String, Object> metadata;
  private Map<String, Object> metrics;
  private Map<String, Object> feedback;
  private Map<String, Object> userProperties;
  private String error;
  private long endMillis;
  private double durationMillis;
  private boolean ended;
  /** Outputs were set explicitly (enrichment): the return value does not replace them. */
  private boolean outputsOverridden;
  /** Taken off its thread's context while still open (async return): ending it leaves threads alone. */
  private volatile boolean detached;

  /** @param startNanos the {@link System#nanoTime()} of its start; wall-clock times come from the session's anchor */
  ActiveEvent(SessionTree session, String parentId, EventType type, String name, ContextFrame restoreTo,
      Object origin, long startNanos) {
    this.session = session;
    this.origin = origin;
    this.idMsb = Ids.msb();
    this.idLsb = Ids.lsb();
    this.parentId = parentId;
    this.type = type;
    this.name = name;
    this.restoreTo = restoreTo;
    this.thread = Thread.currentThread();
    this.startNanos = startNanos;
    this.startMillis = session.epochMillis(startNanos);
    this.budget = session.runtime().capture().newBudget();
  }

  @Override
  public SessionTree session() {
    return session;
  }

  @Override
  public String parentIdForChildren() {
    return eventId();
  }

  @Override
  public String eventId() {
    String id = eventId;
    if (id == null) {
      id = Ids.format(idMsb, idLsb); // a race formats it twice, to the same text
      eventId = id;
    }
    return id;
  }

  @Override
  public String sessionId() {
    return session.sessionId();
  }

  public String name() {
    return name;
  }

  /** What this event's captured values were estimated to take in JSON (an upper bound, see {@link CaptureBudget#spent()}). */
  long capturedBytes() {
    return budget.spent();
  }

  String parentId() {
    return parentId != null ? parentId : session.sessionId();
  }

  ValueCapture capture() {
    return session.runtime().capture();
  }

  @Override
  public Span setInput(String key, Object value) {
    if (!session.recording()) {
      return this;
    }
    Object captured = capture().capture(key, value, budget);
    synchronized (this) {
      if (!ended) {
        if (inputs == null) {
          inputs = new LinkedHashMap<>(4); // most traced methods take up to three arguments
        }
        inputs.put(key, captured);
      }
    }
    return this;
  }

  @Override
  public Span setInputs(Map<String, ?> values) {
    if (values != null) {
      for (Map.Entry<String, ?> e : values.entrySet()) {
        setInput(String.valueOf(e.getKey()), e.getValue());
      }
    }
    return this;
  }

  @Override
  public Span setOutput(Object value) {
    if (!session.recording()) {
      return this;
    }
    Map<String, Object> captured = OutputShape.of(value, capture(), budget);
    synchronized (this) {
      if (!ended) {
        outputs = captured;
        outputsOverridden = true;
      }
    }
    return this;
  }

  /** Records what the traced code returned (or its future completed with), unless outputs were set explicitly. */
  public void recordReturn(Object value) {
    synchronized (this) {
      if (ended || outputsOverridden || !session.recording()) {
        return;
      }
    }
    Map<String, Object> captured = OutputShape.of(value, capture(), budget);
    synchronized (this) {
      if (!ended && !outputsOverridden) {
        outputs = captured;
      }
    }
  }

  @Override
  public Span setConfig(String key, Object value) {
    if (!session.recording()) {
      return this;
    }
    Object captured = capture().capture(key, value, budget);
    synchronized (this) {
      if (!ended) {
        if (config == null) {
          config = new LinkedHashMap<>();
        }
        config.put(key, captured);
      }
    }
    return this;
  }

  @Override
  public Span setMetadata(String key, Object value) {
    if (!session.recording()) {
      return this;
    }
    Object captured = capture().capture(key, value, budget);
    synchronized (this) {
      if (!ended) {
        if (metadata == null) {
          metadata = new LinkedHashMap<>();
        }
        metadata.put(key, captured);
      }
    }
    return this;
  }

  @Override
  public Span setMetric(String key, Object value) {
    if (!session.recording()) {
      return this;
    }
    Object captured = capture().capture(key, value, budget);
    synchronized (this) {
      if (!ended) {
        metrics = put(metrics, key, captured);
      }
    }
    return this;
  }

  @Override
  public Span setFeedback(String key, Object value) {
    if (!session.recording()) {
      return this;
    }
    Object captured = capture().capture(key, value, budget);
    synchronized (this) {
      if (!ended) {
        feedback = put(feedback, key, captured);
      }
    }
    return this;
  }

  @Override
  public Span setUserProperty(String key, Object value) {
    if (!session.recording()) {
      return this;
    }
    Object captured = capture().capture(key, value, budget);
    synchronized (this) {
      if (!ended) {
        userProperties = put(userProperties, key, captured);
      }
    }
    return this;
  }

  private static Map<String, Object> put(Map<String, Object> map, String key, Object value) {
    Map<String, Object> m = map != null ? map : new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  @Override
  public Span recordError(Throwable t) {
    if (!session.recording()) {
      return this;
    }
    Object captured = capture().capture("error", describe(t), budget);
    String described = captured == null ? null : captured.toString();
    synchronized (this) {
      if (!ended) {
        error = described;
      }
    }
    return this;
  }

  static String describe(Throwable t) {
    if (t == null) {
      return null;
    }
    String message;
    try {
      message = t.getMessage();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      message = null;
    }
    return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
  }

  @Override
  public void end() {
    long nanos = System.nanoTime();
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      endMillis = session.epochMillis(nanos);
      durationMillis = (nanos - startNanos) / 1_000_000.0;
    }
    if (!detached && Thread.currentThread() == thread) {
      restoreContext();
    }
    session.eventEnded(this);
  }

  /**
   * Takes this event off this thread's context without ending it, for a call that returned while
   * its work goes on (a future): the caller's previous context is current again, and the event
   * ends later, on whichever thread completes the work.
   */
  public void detach() {
    detached = true;
    if (Thread.currentThread() == thread) {
      restoreContext();
    }
  }

  /**
   * Pops this event off the thread's stack. If it is not on top (an inner event was never ended),
   * the frames above it are abandoned too; if it is not on the stack at all, nothing changes.
   */
  private void restoreContext() {
    ContextFrame current = TraceContext.current();
    for (ContextFrame f = current; f != null; f = previousOf(f)) {
      if (f == this) {
        TraceContext.set(restoreTo);
        return;
      }
    }
  }

  /**
   * The innermost open event on this thread's context that {@code origin} started on this thread,
   * or null. Normally the current frame; deeper if inner events were left open.
   */
  public static ActiveEvent innermostStartedHereBy(Object origin) {
    Thread here = Thread.currentThread();
    for (ContextFrame f = TraceContext.current(); f != null; f = previousOf(f)) {
      if (f instanceof ActiveEvent e && e.origin == origin && e.thread == here) {
        return e;
      }
    }
    return null;
  }

  static ContextFrame previousOf(ContextFrame f) {
    if (f instanceof ActiveEvent e) {
      return e.restoreTo;
    }
    if (f instanceof SessionScope s) {
      return s.restoreTo();
    }
    return null;
  }

  synchronized Map<String, Object> inputs() {
    return inputs;
  }

  synchronized Map<String, Object> outputs() {
    return outputs;
  }

  synchronized String error() {
    return error;
  }

  synchronized Event toEvent(List<String> childrenIds, String project, String source) {
    Event event = Event.builder()
        .project(project)
        .eventType(type)
        .eventName(name)
        .source(source)
        .sessionId(session.sessionId())
        .eventId(eventId())
        .parentId(parentId())
        .childrenIds(childrenIds)
        .config(orEmpty(config))
        .inputs(orEmpty(inputs))
        .outputs(orEmpty(outputs))
        .error(error)
        .startTime(startMillis)
        .endTime(endMillis)
        .duration(durationMillis)
        .metadata(orEmpty(metadata))
        .feedback(orEmpty(feedback))
        .metrics(orEmpty(metrics))
        .userProperties(orEmpty(userProperties))
        .build();
    return capture().limit(event, budget);
  }

  private static Map<String, Object> orEmpty(Map<String, Object> m) {
    return m == null ? Map.of() : m;
  }

  @Override
  public String toString() {
    return "ActiveEvent[" + type.wireName() + " " + name + " " + eventId() + "]";
  }
}
