package ai.honeyhive.internal;

import ai.honeyhive.internal.capture.Entries;
import ai.honeyhive.transport.export.internal.CompletedSession;
import ai.honeyhive.transport.export.internal.SessionProcessor;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.model.EventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The tracer's state and the operations the public API and the aspects share: starting events
 * and sessions on the current thread's context, handing completed sessions to the processor, and
 * counting the library's own failures. Not public API.
 */
public final class TracerRuntime {
  private static final ThrottledLogger LOG =
      new ThrottledLogger(LoggerFactory.getLogger("ai.honeyhive.Tracer"));

  private final TracerConfig config;
  private final SessionProcessor processor;
  private final ValueCapture capture;
  private final double sampleRate;
  /**
   * Sessions open beyond which the periodic sweep cuts the oldest. Open sessions are bounded anyway
   * by the age limit times the rate they start at; this bounds a burst of sessions never closed.
   */
  static final int MAX_OPEN_SESSIONS = 100_000;
  /** The longest between two sweeps for sessions past their age (shorter for short age limits). */
  private static final long SWEEP_INTERVAL_NANOS = 10_000_000_000L;

  private static final int OFF = 0;
  private static final int ON = 1;
  /** Shutting down: no new sessions, but calls inside the sessions in flight are still recorded. */
  private static final int DRAINING = 2;
  private static final int SHUT_DOWN = 3;

  /** Warnings about sessions cut, rate-limited per tracer (a replaced tracer's warnings do not mute the new one's). */
  private final ThrottledLogger cutWarnings = new ThrottledLogger(LoggerFactory.getLogger("ai.honeyhive.Tracer"));
  private final AtomicLong internalErrors = new AtomicLong();
  /** Sessions started (or resumed by late work) and not yet completed: shutdown waits for these. */
  private final OpenSessions inFlight = new OpenSessions();
  private final AtomicLong sessionsCut = new AtomicLong();
  /** The sessions the last {@link #cutSessionsInFlight()} found in flight; shutdown's thread only. */
  private List<SessionTree> lastCut = List.of();
  private final AtomicLong eventsCutOpen = new AtomicLong();
  private final long maxSessionAgeNanos;
  private final long sweepIntervalNanos;
  private final long earlyExportDelayNanos;
  private final AtomicLong nextSweepNanos;
  private volatile int state;
  /** The configured source as it may go on the wire, bounded once rather than for every session. */
  private final String boundedSource;
  /** The anchor of the sessions' clocks, read anew at most every second (see {@link WallClock}). */
  private volatile WallClock wallClock = WallClock.read();

  public TracerRuntime(TracerConfig config, SessionProcessor processor, ValueCapture capture) {
    this.config = config;
    this.processor = processor;
    this.capture = capture;
    this.state = config.tracingEnabled() ? ON : OFF;
    this.sampleRate = config.sampleRate();
    this.maxSessionAgeNanos = config.maxSessionAge().toNanos();
    this.sweepIntervalNanos = Math.min(SWEEP_INTERVAL_NANOS, maxSessionAgeNanos / 8);
    this.earlyExportDelayNanos = config.export().scheduleDelay().toNanos();
    this.nextSweepNanos = new AtomicLong(System.nanoTime() + sweepIntervalNanos);
    this.boundedSource = Entries.name(config.source(), null);
  }

  public TracerConfig config() {
    return config;
  }

  public SessionProcessor processor() {
    return processor;
  }

  public ValueCapture capture() {
    return capture;
  }

  public boolean enabled() {
    return state == ON;
  }

  /**
   * Whether a traced call starting on this thread now is recorded: tracing is on, or shutdown is
   * waiting for the sessions in flight and this thread is inside one (the call is part of it).
   * One volatile read when tracing is on or off.
   */
  public boolean recordsHere() {
    int s = state;
    return s == ON || (s == DRAINING && TraceContext.inTrace());
  }

  /** Switches tracing on or off; after shutdown it stays off. */
  public synchronized void setEnabled(boolean on) {
    if (state == ON || state == OFF) {
      state = on ? ON : OFF;
    }
  }

  /** The wall-clock anchor for a session starting at {@code nowNanos}: the current one, or a new one if it is old. */
  WallClock wallClock(long nowNanos) {
    WallClock c = wallClock;
    if (c.staleAt(nowNanos)) {
      c = WallClock.read();   // a race reads it twice; either is right
      wallClock = c;
    }
    return c;
  }

  String boundedSource() {
    return boundedSource;
  }

  long maxSessionAgeNanos() {
    return maxSessionAgeNanos;
  }

  long earlyExportDelayNanos() {
    return earlyExportDelayNanos;
  }

  /**
   * Starts an event as a child of the thread's current frame, or as the root of a new implicit
   * session when there is none, and makes it current. Null if it would be the root of a new
   * session and tracing is not on (shutting down, or switched off since the caller checked).
   */
  public ActiveEvent begin(EventType type, String name) {
    return begin(type, name, null);
  }

  /** {@link #begin(EventType, String)} for an event that {@code origin} (an aspect's join point) will end. */
  public ActiveEvent begin(EventType type, String name, Object origin) {
    return begin(type, name, origin, null);
  }

  /**
   * {@link #begin(EventType, String, Object)} for a woven call, recording its start values: the
   * {@code inputs} (its arguments, or null; overwritten with what was captured) under
   * {@code origin}'s {@linkplain AdviceEntries.Origin#inputNames input names}, and the origin's
   * config entries. They are captured and attached before the event is counted into its session,
   * while no other thread can reach it, so without a lock of the event's (see
   * {@link RecordedFields}); what does not fit as a batch is recorded as the setters do, after.
   */
  public ActiveEvent begin(EventType type, String name, Object origin, Object[] inputs) {
    long now = System.nanoTime();
    AdviceEntries.Origin o = origin instanceof AdviceEntries.Origin w ? w : null;
    String[] inputNames = o == null || inputs == null ? null : o.inputNames();
    if (inputNames != null && inputNames.length != inputs.length) {
      inputNames = null;
    }
    String[] configNames = o == null ? null : o.configNames();
    boolean nameReady = o != null && o.nameReady();
    // Start values once captured stay captured: a start again in another session (this one was
    // cut) takes them over with their budget rather than capture captured values again.
    CaptureBudget captured = null;
    int inputsTaken = 0;
    Object[] config = null;
    int configTaken = 0;
    TraceContext.Slot slot = TraceContext.slotToSet();   // one thread-local lookup for the read and the write
    while (true) {
      ContextFrame parent = TraceContext.current(slot);
      if (parent == null && state != ON) {
        // no new session once shutdown began (or tracing went off): the first try's frames were
        // popped as over, or a try's session was cut at a limit and this thread left outside any
        return null;
      }
      SessionTree session = parent == null ? SessionTree.implicit(this, name, nameReady, now) : parent.session();
      // the parent's id is taken from the parent frame when the event is exported (ActiveEvent.parentId)
      ActiveEvent event = new ActiveEvent(session, type, name, nameReady, parent, slot, origin, now, captured);
      if (o != null && session.recording()) {
        if (captured == null) {
          captured = event.budget();
          if (inputNames != null) {
            inputsTaken = event.captureAll(inputNames, inputs, inputs.length, captured, true);
          }
          if (configNames != null) {
            config = o.configValues().clone();
            configTaken = event.captureAll(configNames, config, config.length, captured, true);
          }
        }
        event.attachUnpublished(RecordedFields.INPUTS, inputNames, inputs, inputsTaken);
        event.attachUnpublished(RecordedFields.CONFIG, configNames, config, configTaken);
      }
      event.budget().share();   // before what publishes the event: other threads may spend from it after
      boolean started;
      if (parent == null) {
        session.firstEventStarted(event, slot, now);   // a new session, reachable from no other thread yet
        started = true;
      } else {
        started = session.eventStarted(event, parent, now);
      }
      if (started) {
        slot.frame = event;
        if (OtelInterop.PRESENT) {
          OtelInterop.eventStarted(event, parent);
        }
        if (inputs != null && inputsTaken < inputs.length) {
          // past the budget, or names not ready: each goes the way of a setter (left out and counted)
          for (int i = inputsTaken; i < inputs.length; i++) {
            String[] names = inputNames != null ? inputNames : o == null ? null : o.inputNames();
            event.setInput(names != null && i < names.length ? names[i] : "arg" + i, inputs[i]);
          }
        }
        if (configNames != null && configTaken < configNames.length) {
          Object[] values = config != null ? config : o.configValues();
          for (int i = configTaken; i < configNames.length; i++) {
            event.setConfig(configNames[i], values[i]);
          }
        }
        return event;
      }
      // The session is past a limit (or was cut): it is exported as it stands, its frames are
      // popped, and the call starts again where that leaves this thread (a new session, usually).
      cutAtLimit(session, now);
    }
  }

  /** Opens an explicit session and makes it current on this thread. */
  public SessionScope openSession(String name) {
    SessionTree tree = SessionTree.explicit(this, name);
    SessionScope scope = SessionScope.openedHere(tree, TraceContext.current());
    TraceContext.set(scope);
    return scope;
  }

  /** Opens an explicit session without making it current anywhere. */
  public SessionScope startSession(String name) {
    return SessionScope.openedDetached(SessionTree.explicit(this, name));
  }

  /** Draws whether a new session is sampled (kept); one random number, and none at rate 1 or 0. */
  boolean sampleSession() {
    double rate = sampleRate;
    return rate >= 1.0 || (rate > 0.0 && ThreadLocalRandom.current().nextDouble() < rate);
  }

  void sessionStarted(SessionTree session, long nowNanos) {
    inFlight.add(session);
    sessionCounted(nowNanos);
  }

  /** A session started and was counted in flight (in a thread's slot, or by {@link #sessionStarted}): time for a sweep? */
  void sessionCounted(long nowNanos) {
    long next = nextSweepNanos.get();
    if (nowNanos - next >= 0 && nextSweepNanos.compareAndSet(next, nowNanos + sweepIntervalNanos)) {
      sweep(nowNanos);
    }
  }

  /**
   * The sessions in flight now, each once: those in {@link OpenSessions} and those counted in
   * threads' slots (see {@link TraceContext.Slot#count}).
   */
  private List<SessionTree> inFlightNow() {
    Set<SessionTree> all = Collections.newSetFromMap(new IdentityHashMap<>());
    all.addAll(inFlight.snapshot());
    TraceContext.openSessions(this, all);
    return new ArrayList<>(all);
  }

  void sessionResumed(SessionTree session) {
    inFlight.add(session);
  }

  void sessionCompleted(SessionTree session) {
    inFlight.remove(session);
  }

  /**
   * Cuts the sessions open longer than the age limit, and the oldest beyond
   * {@value #MAX_OPEN_SESSIONS} open. Runs on the thread that starts a session, once per sweep
   * interval: a pass over the open sessions, no thread of its own.
   */
  private void sweep(long nowNanos) {
    try {
      List<SessionTree> open = inFlightNow();
      for (SessionTree s : open) {
        if (s.olderThan(maxSessionAgeNanos, nowNanos)) {
          cutAtLimit(s, nowNanos);
        }
      }
      if (open.size() > MAX_OPEN_SESSIONS) {
        List<SessionTree> oldestFirst = inFlightNow();
        oldestFirst.sort(Comparator.comparingLong(SessionTree::startNanos));
        for (int i = 0; i < oldestFirst.size() - MAX_OPEN_SESSIONS; i++) {
          cut(oldestFirst.get(i), "open", "more than " + MAX_OPEN_SESSIONS + " sessions were open; it was one of the oldest");
        }
      }
    } catch (RuntimeException e) {
      internalError("checking open sessions' ages", e);
    }
  }

  /** Cuts a session past one of its limits; the reason names the limit. */
  private void cutAtLimit(SessionTree session, long nowNanos) {
    if (session.olderThan(maxSessionAgeNanos, nowNanos)) {
      cut(session, "age", "it was open longer than " + config.maxSessionAge().toSeconds() + " s (HH_MAX_SESSION_AGE_MS)");
    } else {
      cut(session, "events", "it held " + config.maxSessionEvents() + " events not yet exported (HH_MAX_SESSION_EVENTS)");
    }
  }

  /** Exports a session as it stands, closes it to new work, counts it and says which events were never ended. */
  private void cut(SessionTree session, String limit, String reason) {
    List<ActiveEvent> stillOpen = session.cut();
    if (stillOpen == null) {
      return;   // cut already, by another thread
    }
    sessionsCut.incrementAndGet();
    eventsCutOpen.addAndGet(stillOpen.size());
    StringBuilder m = new StringBuilder("HoneyHive: session '").append(session.name()).append("' (")
        .append(session.sessionId()).append(") was exported as it stood and closed: ").append(reason).append('.');
    if (!stillOpen.isEmpty()) {
      m.append(" Never ended (sent marked honeyhive_incomplete): ");
      for (int i = 0; i < Math.min(3, stillOpen.size()); i++) {
        m.append(i == 0 ? "" : "; ").append(stillOpen.get(i).whereStarted());
      }
      if (stillOpen.size() > 3) {
        m.append("; and ").append(stillOpen.size() - 3).append(" more");
      }
      m.append(". End every span you start (try-with-resources) and close every session.");
    }
    cutWarnings.warn("session-cut-" + limit, m.toString());   // rate-limited per limit
  }

  /** How many sessions were exported as they stood (shutdown or a limit), and how many open events they had. */
  public long sessionsCut() {
    return sessionsCut.get();
  }

  public long eventsCutOpen() {
    return eventsCutOpen.get();
  }

  /**
   * Starts shutting down: no new sessions; calls inside the sessions in flight are still recorded
   * until {@link #cutSessionsInFlight()}. Returns the sessions current on the calling thread,
   * which cannot complete while it waits (a traced job shutting down from inside its own call).
   */
  public synchronized Set<SessionTree> beginShutdown() {
    if (state != SHUT_DOWN) {
      state = DRAINING;
    }
    Set<SessionTree> own = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ContextFrame f = TraceContext.current(); f != null; f = f.previous()) {
      own.add(f.session());
    }
    return own;
  }

  /**
   * Waits until every session in flight but {@code own} has completed, or the deadline
   * ({@link System#nanoTime()}) passes; true if none is left. Polls: it runs once, at shutdown.
   */
  public boolean awaitSessionsInFlight(long deadlineNanos, Set<SessionTree> own) {
    return awaitInFlight(deadlineNanos, own::containsAll);
  }

  /**
   * Polls the sessions in flight until {@code done} says yes of them, or the deadline
   * ({@link System#nanoTime()}) passes or this thread is interrupted; true if it said yes.
   * Polls: it runs at shutdown only.
   */
  private boolean awaitInFlight(long deadlineNanos, Predicate<List<SessionTree>> done) {
    while (!done.test(inFlightNow())) {
      if (System.nanoTime() - deadlineNanos >= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(1_000_000L);
    }
    return true;
  }


  /**
   * Stops recording and exports the sessions still in flight as they stand, their open events
   * marked incomplete. True if there was none.
   */
  public boolean cutSessionsInFlight() {
    synchronized (this) {
      state = SHUT_DOWN;
    }
    List<SessionTree> open = inFlightNow();
    lastCut = open;
    int events = 0;
    for (SessionTree s : open) {
      try {
        List<ActiveEvent> stillOpen = s.cut();
        if (stillOpen != null) {
          sessionsCut.incrementAndGet();
          eventsCutOpen.addAndGet(stillOpen.size());
          events += stillOpen.size();
        }
      } catch (RuntimeException | LinkageError e) {   // one session's failure does not keep the others from export
        internalError("cutting a session at shutdown", e);
      }
    }
    if (!open.isEmpty()) {
      cutWarnings.warn("shutdown-cut", "HoneyHive: " + open.size() + " session(s) still open when shutdown's wait was over"
          + " were exported as they stood; " + events + " event(s) in them had not ended and are marked honeyhive_incomplete");
    }
    return open.isEmpty();
  }

  /**
   * Waits until none of the sessions {@link #cutSessionsInFlight()} found is among those in flight
   * any more, or the deadline passes: their hand-overs under way when they were cut (a piece taken
   * out of a session, not yet queued) are done. Sessions counted after the cut are not waited for.
   */
  public boolean awaitHandOversOfCut(long deadlineNanos) {
    Set<SessionTree> cut = Collections.newSetFromMap(new IdentityHashMap<>());
    cut.addAll(lastCut);
    return awaitInFlight(deadlineNanos, now -> now.stream().noneMatch(cut::contains));
  }

  void export(CompletedSession session) {
    try {
      processor.onSessionEnd(session);
    } catch (Throwable t) {
      internalError("export", t);
    }
  }

  /** Counts and logs (rate-limited) a failure of the library's own code. */
  public void internalError(String where, Throwable t) {
    internalErrors.incrementAndGet();
    LOG.warn(where, "HoneyHive tracing failed in " + where + "; the traced code was not affected", t);
  }

  public long internalErrors() {
    return internalErrors.get();
  }
}
