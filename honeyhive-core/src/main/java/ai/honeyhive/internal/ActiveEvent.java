package ai.honeyhive.internal;

import ai.honeyhive.Span;
import ai.honeyhive.internal.capture.Entries;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import ai.honeyhive.transport.model.internal.OwnedMaps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event in progress: the mutable state behind a {@link Span} until it ends, then the source of
 * its {@link Event}. Its recorded values are kept by {@link RecordedFields}. Not public API.
 *
 * <p>Who writes what, and under which lock:
 * <ul>
 *   <li>Its start values (a woven call's arguments, the model it names) are written by the
 *       starting thread before the session counts the event in ({@link TracerRuntime#begin}),
 *       when no other thread can reach it: no lock. What publishes the event to other threads
 *       orders them before anything else: for a child event, the session's lock that counting it
 *       in takes; for the root of an implicit session (counted in without the session's lock,
 *       since no other thread knows the session yet), the releasing write that counts the
 *       session in its thread's slot, or the {@link OpenSessions} stripe lock under which it is
 *       registered (shutdown and the sweep reach it through those), a context handed to another
 *       thread (an executor's or the application's own hand-over), and the session's lock that
 *       every later hold and the hand-off to the export worker take.
 *   <li>Everything recorded after that (enrichment, from any thread, the return value, the error)
 *       and its end are written under its session's monitor ({@link #lock()}), because enrichment
 *       may come from other threads than the one that started it. Its end takes that monitor
 *       once: the return value, the seal and the session's count of the end together
 *       ({@link #endReturning}).
 *   <li>{@link #untracedEntries} and the thread's context are touched only by the starting thread.
 *   <li>The event's {@link Event} is assembled on the export worker under the session's monitor,
 *       after the session's hand-off (its lock, then the processor's queue) has published the
 *       ended event; the maps of entries recorded as arrays, and the wall-clock times, are made
 *       there.
 * </ul>
 */
public final class ActiveEvent extends RecordedFields implements Span, ContextFrame {
  private static final VarHandle EVENT_ID = Ids.idField(MethodHandles.lookup(), "eventId");

  private final SessionTree session;
  /** Drawn when first asked for (see {@link Ids#settle}); set once. */
  private volatile String eventId;
  private final EventType type;
  private final String name;
  private final long startNanos;
  /** What was current on the starting thread before this event; restored when it ends. */
  private final ContextFrame restoreTo;
  /** The slot of the thread that started it (see {@link TraceContext}): that thread, and where its end pops it. */
  private final TraceContext.Slot slot;
  /**
   * What started it, for the aspect to find its own event at method exit (an
   * {@link AdviceEntries.Origin}, see there); null for the API.
   */
  private final Object origin;
  /** Bounds what this event's captured values hold; counts what was cut. */
  private final CaptureBudget budget;
  /**
   * Woven calls entered above this event on its thread that started no event of their own (see
   * {@link AdviceEntries}); only its own thread reads or writes it.
   */
  int untracedEntries;

  /**
   * The {@link System#nanoTime()} of its end (or cut). Its wall-clock times and duration are
   * worked out from this and {@link #startNanos} when it is assembled, on the export worker.
   */
  private long endNanos;
  /** Taken off its thread's context while still open (async return): ending it leaves threads alone. */
  private volatile boolean detached;
  /** Ended, or cut as it stood: never again the parent of work it was left current for. */
  private volatile boolean finished;
  /** Cut open at shutdown or at a session limit: exported as it stood, marked incomplete. */
  private boolean incomplete;

  // The session's bookkeeping of completed subtrees, guarded by the session's lock (see SessionTree).
  /** The parent event while this event counts as part of its subtree; null for a top-level or late event. */
  ActiveEvent parentEvent;
  /** Ids of children exported before this event (early export), for its {@code children_ids}. */
  List<String> earlyChildren;
  /** Children and hand-offs not yet complete: this event's subtree is complete when it ended and this is 0. */
  int holds;
  boolean treeEnded;
  boolean complete;
  /** The OpenTelemetry span current when it started, if any (see {@link OtelInterop}); its own thread's. */
  String otelSpanId;

  /**
   * @param nameReady {@code name} is known to be sent as it is (see {@link AdviceEntries.Origin#nameReady})
   * @param startNanos the {@link System#nanoTime()} of its start; wall-clock times come from the session's anchor
   * @param budget the budget start values were already captured with (for an event started
   *     again in another session, see {@link TracerRuntime#begin}); null for a new one, confined
   *     to this thread until {@link TracerRuntime#begin} publishes the event
   */
  ActiveEvent(SessionTree session, EventType type, String name, boolean nameReady, ContextFrame restoreTo,
      TraceContext.Slot slot, Object origin, long startNanos, CaptureBudget budget) {
    boolean takenOver = budget != null;
    this.session = session;
    this.origin = origin;
    this.type = type;
    if (budget == null) {
      budget = session.runtime().capture().newEventBudget();
      budget.confine();   // this thread's alone until TracerRuntime.begin publishes the event
    }
    this.budget = budget;
    // every string we send is bounded; a budget taken over counted the cut already
    this.name = nameReady ? name : Entries.name(name, takenOver ? null : budget);
    this.restoreTo = restoreTo;
    this.slot = slot;
    this.startNanos = startNanos;
  }

  @Override
  public SessionTree session() {
    return session;
  }

  /** What started it: an {@link AdviceEntries.Origin} for a woven call, null for the API. */
  public Object origin() {
    return origin;
  }

  Thread startedOn() {
    return slot.thread;
  }

  @Override
  public String parentIdForChildren() {
    return eventId();
  }

  @Override
  public ContextFrame previous() {
    return restoreTo;
  }

  @Override
  public boolean finished() {
    return finished;
  }

  /** Where it was started, for a warning about an event never ended: name, traced method, thread. */
  String whereStarted() {
    String where = "'" + name + "' (" + type.wireName() + ")";
    if (origin != null) {
      Object jp = origin instanceof AdviceEntries.Origin o ? o.joinPoint() : origin;
      where += " at " + jp;   // the join point: execution(<return type> <class>.<method>(<parameters>))
    }
    return where + " started on thread '" + slot.thread.getName() + "'";
  }

  @Override
  public String spanId() {
    return eventId();
  }

  /** This event's id, drawn on first use. */
  public String eventId() {
    String id = eventId;
    return id != null ? id : Ids.settle(EVENT_ID, this);
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

  /**
   * The parent's id: the frame current where this event started ({@link #restoreTo}) names it, or
   * none does and it is the session's. Asked for when the event is exported, not at its start, so
   * the caller's thread formats no id it does not need; the frames' ids never change.
   */
  String parentId() {
    String id = restoreTo == null ? null : restoreTo.parentIdForChildren();
    return id != null ? id : session.sessionId();
  }

  @Override
  ValueCapture capture() {
    return session.runtime().capture();
  }

  @Override
  CaptureBudget budget() {
    return budget;
  }

  @Override
  boolean recording() {
    return session.recording();
  }

  @Override
  Object lock() {
    return session;
  }

  @Override
  public Span setInput(String key, Object value) {
    record(INPUTS, key, value);
    return this;
  }

  /**
   * Records the arguments of a traced call as inputs, {@code values[i]} under {@code names[i]};
   * see {@link #recordAll}.
   */
  public void recordInputs(String[] names, Object[] values) {
    recordAll(INPUTS, names, values);
  }

  /**
   * Whether {@code names} may be an {@link AdviceEntries.Origin}'s input or config names, recorded
   * as they are on every call: none null, each sent as it is, no two alike. Checked once per method.
   */
  public static boolean namesReady(String[] names) {
    return readyNames(names);
  }

  private static final String[] TOKEN_KEYS = {PROMPT_TOKENS, COMPLETION_TOKENS, TOTAL_TOKENS};

  /** What capturing the three numbers of {@link #TOKEN_KEYS} spends, by the rule refunds use too. */
  private static final long TOKEN_COST = costOfNumbers(TOKEN_KEYS);

  private static long costOfNumbers(String[] names) {
    long c = 0;
    for (String n : names) {
      c += Entries.cost(n, 0L);
    }
    return c;
  }

  /**
   * The three metadata entries of {@link Span#setTokenUsage}, recorded under one lock instead of
   * three: on a model call that recorded no metadata yet, and with nothing to mask in them, as
   * three unboxed numbers with one spend from the budget (they are boxed on the export worker).
   */
  @Override
  public Span setTokenUsage(long promptTokens, long completionTokens, long totalTokens) {
    if (!recording()) {
      return this;
    }
    if (!capture().keepsNumbersUnder(TOKEN_KEYS)
        || !recordNumbers(METADATA, TOKEN_KEYS, new long[] {promptTokens, completionTokens, totalTokens}, TOKEN_COST)) {
      recordAll(METADATA, TOKEN_KEYS, new Object[] {promptTokens, completionTokens, totalTokens});
    }
    return this;
  }

  @Override
  public Span setInputs(Map<String, ?> values) {
    if (values != null) {
      for (Map.Entry<String, ?> e : values.entrySet()) {
        Object k = e.getKey();   // a raw map may hold any key, null included
        setInput(k == null ? null : String.valueOf(k), e.getValue());
      }
    }
    return this;
  }

  @Override
  public Span setOutput(Object value) {
    recordOutputs(value, true);
    return this;
  }

  /** Records what the traced code returned (or its future completed with), unless outputs were set explicitly. */
  public void recordReturn(Object value) {
    // volatile reads, no lock: a race with end() or setOutput() is settled under the lock
    if (finished || outputsOverridden) {
      return;
    }
    recordOutputs(value, false);
  }

  @Override
  public Span setConfig(String key, Object value) {
    record(CONFIG, key, value);
    return this;
  }

  @Override
  public Span setMetadata(String key, Object value) {
    record(METADATA, key, value);
    return this;
  }

  @Override
  public Span setMetric(String key, Object value) {
    record(METRICS, key, value);
    return this;
  }

  @Override
  public Span setFeedback(String key, Object value) {
    record(FEEDBACK, key, value);
    return this;
  }

  @Override
  public Span setUserProperty(String key, Object value) {
    record(USER_PROPERTIES, key, value);
    return this;
  }

  @Override
  public Span recordError(Throwable t) {
    recordThrown(t);
    return this;
  }

  /**
   * Records what a woven call returned, unless outputs were set explicitly, and ends the event:
   * {@link #recordReturn} and {@link #end()} under one lock instead of two.
   */
  public void endReturning(Object value) {
    // volatile reads, no lock: a race with end() or setOutput() is settled under the lock
    if (!finished && !outputsOverridden && recording()) {
      end(value, capture().capture(null, value, budget));
    } else {
      end(null, NOT_RETURNED);
    }
  }

  @Override
  public void end() {
    end(null, NOT_RETURNED);
  }

  /** In place of a captured return value: the event ends without one. */
  private static final Object NOT_RETURNED = new Object();

  /**
   * Ends the event, first taking {@code captured}, the capture of the return value
   * {@code returned}, as its outputs unless it is {@link #NOT_RETURNED}, and counts the end in
   * its session under the same lock (the session's): one monitor per end.
   */
  private void end(Object returned, Object captured) {
    long nanos = System.nanoTime();
    SessionBatch handOver = null;
    synchronized (session) {
      if (sealed && !incomplete) {
        return;
      }
      boolean cut = sealed;
      if (captured != NOT_RETURNED) {
        takeOutputs(returned, captured, false);
      }
      boolean failed = error != null;
      sealed = true;   // ended: it takes no more values
      finished = true;
      if (!cut) {   // an event cut as it stood was exported then; its late end only restores the context
        endNanos = nanos;
        handOver = session.eventEndedLocked(this, nanos, failed);
      }
    }
    if (!detached && Thread.currentThread() == slot.thread) {
      restoreContext();
    }
    if (handOver != null) {
      session.handOver(handOver);
    }
  }

  /**
   * Ends this event as it stands, if it is still open, for its session to be exported without
   * waiting for it: end time now, the outputs recorded so far, marked incomplete. Called by the
   * session at shutdown or past a limit, on any thread; the thread it is current on pops it when
   * it next looks (see {@link TraceContext}). True if it was open.
   */
  boolean endIncomplete(long nanos) {
    synchronized (session) {
      if (sealed) {
        return false;
      }
      sealed = true;
      incomplete = true;
      endNanos = nanos;
    }
    finished = true;
    return true;
  }

  /**
   * Takes this event off this thread's context without ending it, for a call that returned while
   * its work goes on (a future): the caller's previous context is current again, and the event
   * ends later, on whichever thread completes the work.
   */
  public void detach() {
    detached = true;
    if (Thread.currentThread() == slot.thread) {
      restoreContext();
    }
  }

  /**
   * Pops this event off the thread's stack. If it is not on top (an inner event was never ended),
   * the frames above it are abandoned too; if it is not on the stack at all, nothing changes.
   */
  private void restoreContext() {
    TraceContext.pop(slot, this, restoreTo);   // on its own thread: its slot, with no lookup
  }

  static ContextFrame previousOf(ContextFrame f) {
    return f.previous();
  }

  String error() {
    synchronized (session) {
      return error;
    }
  }

  Event toEvent(List<String> childrenIds, String project, String source) {
    Map<String, Object> config;
    Map<String, Object> inputs;
    Map<String, Object> outputs;
    Map<String, Object> metadata;
    Map<String, Object> feedback;
    Map<String, Object> metrics;
    Map<String, Object> userProperties;
    String error;
    boolean incomplete;
    long endNanos;
    synchronized (session) {   // only the reads: the event is sealed, so nothing changes after them
      unbatchAll();   // the maps of entries recorded as arrays are made here, on the export worker
      config = this.config;
      inputs = this.inputs;
      outputs = outputsMap();
      metadata = this.metadata;
      feedback = this.feedback;
      metrics = this.metrics;
      userProperties = this.userProperties;
      error = this.error;
      incomplete = this.incomplete;
      endNanos = this.endNanos;
    }
    // Built outside the session's lock, so the session's threads do not wait for the worker. The
    // maps go to the Event without a copy (OwnedMaps): nothing changes them any more, and they
    // were made here or captured as immutable values.
    Event event = Event.builder()
        .project(project)
        .eventType(type)
        .eventName(name)
        .source(source)
        .sessionId(session.sessionId())
        .eventId(eventId())
        .parentId(parentId())
        .childrenIds(childrenIds)
        .config(givenUp(config))
        .inputs(givenUp(inputs))
        .outputs(givenUp(outputs))
        .error(error)
        .startTime(session.epochMillis(startNanos))
        .endTime(session.epochMillis(endNanos))
        .duration((endNanos - startNanos) / 1_000_000.0)
        .metadata(givenUp(incomplete ? markedIncomplete(metadata) : metadata))
        .feedback(givenUp(feedback))
        .metrics(givenUp(metrics))
        .userProperties(givenUp(userProperties))
        .build();
    return capture().limit(event, budget);
  }

  private static Map<String, Object> givenUp(Map<String, Object> m) {
    return m == null || m.isEmpty() ? Map.of() : OwnedMaps.givenUp(m);
  }

  /** The key of the marker on an event exported before it ended. */
  static final String INCOMPLETE_KEY = ValueCapture.INCOMPLETE_KEY;

  private static Map<String, Object> markedIncomplete(Map<String, Object> metadata) {
    Map<String, Object> m = metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
    m.put(INCOMPLETE_KEY, Boolean.TRUE);
    return m;
  }

  @Override
  public String toString() {
    return "ActiveEvent[" + type.wireName() + " " + name + " " + eventId() + "]";
  }
}
