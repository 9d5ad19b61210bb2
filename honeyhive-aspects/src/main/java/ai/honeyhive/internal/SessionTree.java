package ai.honeyhive.internal;

import ai.honeyhive.transport.export.CompletedSession;
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
 * started inside has ended, on whatever thread). It is then exported as one batch, with each
 * event's {@code children_ids} derived from the {@code parent_id}s so that both directions agree.
 *
 * <p>Sampling keeps or drops the session whole. Whether it is sampled is drawn when it starts; a
 * session not sampled records nothing unless errors are kept, in which case it records as usual
 * and is kept at completion if anything in it failed. The decision taken at the first completion
 * holds for the session's life, so no tree is ever exported in part.
 *
 * <p>An event that starts after the session completed (work the session left running) is
 * exported when it ends, in a follow-up batch for the same session id. Not public API.
 */
public final class SessionTree {
  private final TracerRuntime runtime;
  /** Drawn at the start, formatted when first asked for (see {@link Ids#format}). */
  private final long idMsb;
  private final long idLsb;
  private volatile String sessionId;
  /** A {@link System#nanoTime()} reading and the wall-clock time taken with it, at the session's start. */
  private final long anchorNanos;
  private final long anchorMillis;
  private final boolean implicit;
  private final boolean sampled;
  /** Whether events record their values: not when the session will be dropped whatever happens. */
  private final boolean recording;
  private String name;
  private String source;
  // made when first set: most sessions are implicit and never set any of them
  private Map<String, Object> inputs;
  private Map<String, Object> config;
  private Map<String, Object> metadata;
  private Map<String, Object> metrics;
  private Map<String, Object> feedback;
  private Map<String, Object> userProperties;
  private Map<String, Object> outputs;
  private String error;

  /** Events started and not yet handed over; made when the first one starts. */
  private List<ActiveEvent> pending;
  private int open;
  private boolean reported;
  private boolean kept;
  private volatile SessionScope view;

  private SessionTree(TracerRuntime runtime, String name, boolean implicit, int open, long anchorNanos) {
    this.runtime = runtime;
    this.anchorNanos = anchorNanos;
    this.anchorMillis = System.currentTimeMillis();
    this.idMsb = Ids.msb();
    this.idLsb = Ids.lsb();
    this.name = name;
    this.source = runtime.config().source();
    this.implicit = implicit;
    this.open = open;
    this.sampled = runtime.sampleSession();
    this.recording = sampled || runtime.config().sampleKeepErrors();
    runtime.sessionStarted();
  }

  /** A session started by a traced call with no session open; the call's event is its root. */
  static SessionTree implicit(TracerRuntime runtime, String rootName, long nowNanos) {
    return new SessionTree(runtime, runtime.config().sessionName().orElse(rootName), true, 0, nowNanos);
  }

  /** A session opened explicitly; it stays open until {@link #release()} is called for it. */
  static SessionTree explicit(TracerRuntime runtime, String name) {
    String n = name != null && !name.isBlank() ? name : runtime.config().sessionName().orElse("session");
    return new SessionTree(runtime, n, false, 1, System.nanoTime());
  }

  /**
   * The wall-clock time, in epoch milliseconds, of a {@link System#nanoTime()} reading taken
   * during this session: measured from the session's start, as OpenTelemetry anchors a trace's
   * clock, so that an event's start and end each cost one clock read rather than two.
   */
  long epochMillis(long nanos) {
    return anchorMillis + Math.floorDiv(nanos - anchorNanos, 1_000_000L);
  }

  public String sessionId() {
    String id = sessionId;
    if (id == null) {
      id = Ids.format(idMsb, idLsb); // a race formats it twice, to the same text
      sessionId = id;
    }
    return id;
  }

  public synchronized String name() {
    return name;
  }

  public TracerRuntime runtime() {
    return runtime;
  }

  /** Whether anything recorded in this session can be exported; if not, recording is skipped. */
  boolean recording() {
    return recording;
  }

  /** A handle to enrich this session or make it current elsewhere, which does not close it. */
  public SessionScope handle() {
    SessionScope v = view;
    if (v == null) {
      v = SessionScope.view(this);
      view = v;
    }
    return v;
  }

  synchronized void setName(String n) {
    name = n;
  }

  synchronized void setSource(String s) {
    source = s;
  }

  synchronized void putInput(String key, Object captured) {
    inputs = put(inputs, key, captured);
  }

  synchronized void putConfig(String key, Object captured) {
    config = put(config, key, captured);
  }

  synchronized void putMetadata(String key, Object captured) {
    metadata = put(metadata, key, captured);
  }

  synchronized void putMetric(String key, Object captured) {
    metrics = put(metrics, key, captured);
  }

  synchronized void putFeedback(String key, Object captured) {
    feedback = put(feedback, key, captured);
  }

  synchronized void putUserProperty(String key, Object captured) {
    userProperties = put(userProperties, key, captured);
  }

  synchronized void setOutputs(Map<String, Object> captured) {
    outputs = captured;
  }

  synchronized void setError(String described) {
    error = described;
  }

  synchronized void eventStarted(ActiveEvent event) {
    if (recording) {
      if (pending == null) {
        pending = new ArrayList<>();
      }
      pending.add(event);
    }
    open++;
  }

  void eventEnded(ActiveEvent event) {
    release();
  }

  /** Drops one hold on the session; the last one exports what has gathered, if the session is kept. */
  void release() {
    List<ActiveEvent> batch;
    boolean first;
    boolean keep;
    synchronized (this) {
      if (--open > 0) {
        return;
      }
      batch = pending != null ? pending : List.of();
      pending = null;
      first = !reported;
      reported = true;
      if (first) {
        kept = sampled || (recording && failed(batch));
      }
      keep = kept;
    }
    try {
      if (keep && (!batch.isEmpty() || first)) {
        runtime.export(new Completed(batch, first));
      }
    } catch (RuntimeException | LinkageError e) {
      runtime.internalError("handing over a session", e);
    } finally {
      if (first) {
        runtime.sessionCompleted();   // after the export: shutdown waits for it to be handed over
      }
    }
  }

  /**
   * What {@link #release()} hands to the processor: the ended events, assembled into the request
   * body only when the processor asks, which the batching processor does on its own thread. Ended
   * events no longer change, and their values were captured when they were recorded.
   */
  private final class Completed implements CompletedSession {
    private final List<ActiveEvent> batch;
    private final boolean first;

    Completed(List<ActiveEvent> batch, boolean first) {
      this.batch = batch;
      this.first = first;
    }

    @Override
    public int eventCount() {
      return batch.size();
    }

    /** For the export queue's byte limit: what each event captured, plus its ids, names and times. */
    @Override
    public long estimatedBytes() {
      long n = 512; // the session's own record
      for (ActiveEvent e : batch) {
        n += 400 + e.capturedBytes();
      }
      return n;
    }

    @Override
    public BatchRequest toBatchRequest() {
      try {
        return assemble(batch, first);
      } catch (RuntimeException | LinkageError e) {
        runtime.internalError("assembling a session", e);
        throw e;
      }
    }
  }

  /** Whether the session or any of its events recorded an error. Lock order: session, then event. */
  private boolean failed(List<ActiveEvent> batch) {
    if (error != null) {
      return true;
    }
    for (ActiveEvent e : batch) {
      if (e.error() != null) {
        return true;
      }
    }
    return false;
  }

  private BatchRequest assemble(List<ActiveEvent> batch, boolean first) {
    Map<String, List<String>> children = new HashMap<>();
    for (ActiveEvent e : batch) {
      children.computeIfAbsent(e.parentId(), k -> new ArrayList<>()).add(e.eventId());
    }
    String project = runtime.config().project();
    String src;
    synchronized (this) {
      src = source;
    }
    List<Event> events = new ArrayList<>(batch.size());
    for (ActiveEvent e : batch) {
      events.add(e.toEvent(children.getOrDefault(e.eventId(), List.of()), project, src));
    }
    SessionProperties props = first ? properties(events) : SessionProperties.ofId(sessionId());
    return BatchRequest.ofSession(props, events);
  }

  /**
   * The session's own record. An implicit session takes its inputs, outputs and error from its
   * root event (as finished, so within the size limit), unless they were set on the session itself.
   */
  private synchronized SessionProperties properties(List<Event> batch) {
    Map<String, Object> in = inputs;
    Map<String, Object> out = outputs;
    String err = error;
    if (implicit) {
      for (Event e : batch) {
        if (sessionId().equals(e.parentId())) {
          in = in == null || in.isEmpty() ? e.inputs() : in;
          out = out == null ? e.outputs() : out;
          err = err == null ? e.error() : err;
          break;
        }
      }
    }
    return new SessionProperties(source, name, sessionId(), orEmpty(config), orEmpty(in), orEmpty(out),
        err, orEmpty(metrics), orEmpty(feedback), orEmpty(metadata), orEmpty(userProperties));
  }

  private static Map<String, Object> put(Map<String, Object> map, String key, Object value) {
    Map<String, Object> m = map != null ? map : new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  private static Map<String, Object> orEmpty(Map<String, Object> m) {
    return m == null ? Map.of() : m;
  }
}
