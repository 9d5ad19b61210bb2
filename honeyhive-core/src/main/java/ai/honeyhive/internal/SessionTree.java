package ai.honeyhive.internal;

import ai.honeyhive.internal.capture.Entries;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's events, gathered until the session completes: when nothing in it is still open
 * (its root event has ended, or for an explicit session it has been closed, every event started
 * inside has ended, on whatever thread, and every task handed to a wrapped executor has run).
 * What it still holds is then exported in the piece that announces the session (assembled by
 * {@link SessionBatch}), with each event's {@code children_ids} derived from the {@code parent_id}s
 * so that both directions agree.
 *
 * <p>A long session does not wait for that: once an event and everything under it have ended (a
 * completed subtree; a subtree also stays open while a task it handed to a wrapped executor has
 * not run), the subtree may leave early, in a follow-up piece ({@code SessionProperties.ofId}).
 * That is tried when {@value #EARLY_EXPORT_EVENTS} more ended events are held, or when an event
 * ends and a completed subtree has waited the batch delay ({@code HH_BATCH_DELAY_MS}). A subtree
 * leaves whole; an event whose children left before it remembers their ids (up to
 * {@code maxSessionEvents} of them) and lists them in its {@code children_ids} when it leaves.
 *
 * <p>Sampling keeps or drops the session whole. Whether it is sampled is drawn when it starts; a
 * session not sampled records nothing unless errors are kept, in which case it records as usual
 * and is kept at completion if anything in it failed. Such a session exports early only once
 * something in it has failed (it is then kept whatever comes); until then it holds its events
 * (up to the event limit). The decision, once taken, holds for the session's life, so no tree is
 * ever exported in part.
 *
 * <p>Limits: a session holding {@code maxSessionEvents} events not yet exported, or open longer
 * than {@code maxSessionAge}, is cut: what it holds is exported as it stands (open events
 * marked {@code honeyhive_incomplete}, ending now, with the outputs so far), it is closed to new
 * work, and a warning names the events that were never ended. Shutdown cuts the sessions still
 * open when its wait is over in the same way.
 *
 * <p>An event that starts after its parent's subtree was exported (work left running that was not
 * handed over through a wrapped executor) is exported when it ends, in a follow-up piece, with
 * the right {@code parent_id}; the parent, already sent, cannot list it in its
 * {@code children_ids}. Not public API.
 */
public final class SessionTree extends RecordedFields {
  private static final VarHandle SESSION_ID = Ids.idField(MethodHandles.lookup(), "sessionId");

  private final TracerRuntime runtime;
  /** Drawn when first asked for (see {@link Ids#settle}), or the caller's for a continued session; set once. */
  private volatile String sessionId;
  /** A {@link System#nanoTime()} reading at the session's start (its age is measured from it). */
  private final long anchorNanos;
  /** What its events' wall-clock times are measured from: the runtime's anchor when it started. */
  private final WallClock wallClock;
  private final boolean implicit;
  private final boolean sampled;
  /** The caller's context, for a session continued from another service; null for a session started here. */
  private final RemoteParent remote;
  /** Whether events record their values: not when the session will be dropped whatever happens. */
  private final boolean recording;
  private String name;
  private String source;
  /** See {@link #budget()}. */
  private CaptureBudget budget;

  /** Ended events held before a session's first early export is tried, and between tries. */
  static final int EARLY_EXPORT_EVENTS = 512;

  /**
   * Events recorded and not yet handed over, open or ended: the one in {@link #onlyPending} while
   * there is one (most sessions are a single traced call), else in a list made at the second.
   */
  private List<ActiveEvent> pending;
  private ActiveEvent onlyPending;
  /** Holds: open events, an explicit session's own until it is closed, tasks handed to wrapped executors. */
  private int open;
  /** Ended events among {@link #pending}, and the count at which early export is tried next. */
  private int endedHeld;
  private int nextEarlyTry = EARLY_EXPORT_EVENTS;
  /** Events of completed subtrees held, and when the first of them completed. */
  private int completeHeld;
  private long firstCompleteNanos;
  /** Whether the piece announcing the session has been handed over (at completion, or when cut). */
  private boolean reported;
  /** Whether the session is kept, once decided (see the class comment). */
  private boolean keepDecided;
  private boolean kept;
  /** An event that ended with an error was seen: a session kept for its errors is kept. */
  private boolean failedSeen;
  /** Whether the runtime counts it among the sessions in flight (shutdown waits for those). */
  private boolean inFlight;
  /**
   * Counted in flight through the slot of the thread that started it rather than in the
   * runtime's {@code OpenSessions} (see {@link TraceContext.Slot#count}): {@link #rootSlot}, set
   * before the session is published. A session counted again later (late work) is counted in
   * {@code OpenSessions}.
   */
  private boolean inSlot;
  private TraceContext.Slot rootSlot;
  // The runtime's list of sessions in flight (OpenSessions), guarded by its stripe's lock.
  SessionTree nextOpen;
  SessionTree prevOpen;
  int registrations;
  /** Exported as it stood, at shutdown or past a limit: it takes no more work. */
  private volatile boolean cut;
  private volatile SessionScope view;

  private SessionTree(TracerRuntime runtime, String name, boolean implicit, int open, long anchorNanos) {
    this(runtime, name, false, implicit, open, anchorNanos, null, runtime.sampleSession(), null);
  }

  private SessionTree(TracerRuntime runtime, String name, boolean nameReady, boolean implicit, int open,
      long anchorNanos, String sessionId, boolean sampled, RemoteParent remote) {
    this.runtime = runtime;
    this.anchorNanos = anchorNanos;
    this.wallClock = runtime.wallClock(anchorNanos);
    this.sessionId = sessionId;
    this.remote = remote;
    this.name = nameReady ? name : boundedName(name);   // every string we send is bounded
    this.source = remote != null && remote.source() != null ? remote.source() : runtime.boundedSource();
    this.implicit = implicit;
    this.open = open;
    this.sampled = sampled;
    // a continued session follows the caller's decision: kept for its errors, it would send
    // events under a caller's event the caller never sent
    this.recording = sampled || (remote == null && runtime.config().sampleKeepErrors());
    this.reported = remote != null;   // the caller announces it: every piece sent from here is a follow-up
    this.inFlight = true;
    if (!implicit) {
      runtime.sessionStarted(this, anchorNanos);
    }   // an implicit one when its first event is counted in: see firstEventStarted
  }

  /**
   * A session started by a traced call with no session open; the call's event is its root.
   * {@code rootNameReady}: the root's name is known to be sent as it is (then it is not checked again).
   */
  static SessionTree implicit(TracerRuntime runtime, String rootName, boolean rootNameReady, long nowNanos) {
    String configured = runtime.config().sessionName().orElse(null);
    return new SessionTree(runtime, configured != null ? configured : rootName, configured == null && rootNameReady,
        true, 0, nowNanos, null, runtime.sampleSession(), null);
  }

  /**
   * A session started by another service and continued here (see {@link RemoteParent}): it has the
   * caller's id and sampling decision, is never announced from here, and stays open until
   * {@link #release()} is called for it.
   */
  static SessionTree continued(TracerRuntime runtime, RemoteParent remote) {
    String id = java.util.UUID.fromString(remote.sessionId()).toString();   // in the form we send
    return new SessionTree(runtime, runtime.config().sessionName().orElse("continued session"), false, false, 1,
        System.nanoTime(), id, remote.sampled(), remote);
  }

  /** A session opened explicitly; it stays open until {@link #release()} is called for it. */
  static SessionTree explicit(TracerRuntime runtime, String name) {
    String n = name != null && !name.isBlank() ? name : runtime.config().sessionName().orElse("session");
    return new SessionTree(runtime, n, false, 1, System.nanoTime());
  }

  /**
   * The wall-clock time, in epoch milliseconds, of a {@link System#nanoTime()} reading taken
   * during this session: measured from its {@link WallClock} anchor, as OpenTelemetry anchors a
   * trace's clock, so that an event's start and end each cost one clock read rather than two.
   */
  long epochMillis(long nanos) {
    return wallClock.epochMillis(nanos);
  }

  public String sessionId() {
    String id = sessionId;
    return id != null ? id : Ids.settle(SESSION_ID, this);
  }

  public synchronized String name() {
    return name;
  }

  public TracerRuntime runtime() {
    return runtime;
  }

  /** Whether it was exported as it stood (shutdown, a limit) and takes no more work. */
  public boolean isCut() {
    return cut;
  }

  /** Whether it was started more than {@code ageNanos} before {@code nowNanos}. */
  boolean olderThan(long ageNanos, long nowNanos) {
    return nowNanos - anchorNanos > ageNanos;
  }

  long startNanos() {
    return anchorNanos;
  }

  /** Whether it was drawn to be kept (or, continued, the caller's was): the sampled flag it propagates. */
  boolean sampled() {
    return sampled;
  }

  /** The caller's context if this session was continued from another service, else null. */
  RemoteParent remote() {
    return remote;
  }

  synchronized String source() {
    return source;
  }

  /** The project its events go to: the caller's, for a session continued from another service that named one. */
  String project() {
    return remote != null && remote.project() != null ? remote.project() : runtime.config().project();
  }

  /** Whether anything recorded in this session can be exported; if not, recording is skipped. */
  @Override
  boolean recording() {
    return recording;
  }

  /** Its own monitor, which guards its events' values too (see {@link RecordedFields}). */
  @Override
  Object lock() {
    return this;
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

  // The session's own values (see RecordedFields) are set through its handle, bounded like an event's.

  @Override
  ValueCapture capture() {
    return runtime.capture();
  }

  /** Bounds what the session's own values hold; made when first needed (most sessions set none). */
  @Override
  synchronized CaptureBudget budget() {
    if (budget == null) {
      budget = runtime.capture().newBudget();
    }
    return budget;
  }

  @Override
  void recorded(CaptureBudget b) {
    countTruncations();
  }

  /** A session's own cuts are counted in its {@code metadata}, as an event's are in the event's. */
  private void countTruncations() {
    int n = budget == null ? 0 : budget.truncations();
    if (n > 0) {
      if (metadata == null) {
        metadata = new LinkedHashMap<>(4);
      }
      metadata.put(ValueCapture.TRUNCATED_KEY, n);
    }
  }

  private String boundedName(String n) {
    String bounded = Entries.name(n, null);
    if (n != null && n.length() > Entries.MAX_NAME_LENGTH) {
      budget = runtime.capture().newBudget();
      budget.truncated(1);
      countTruncations();
    }
    return bounded;
  }

  synchronized void setName(String n) {
    name = Entries.name(n, budget());
    countTruncations();
  }

  synchronized void setSource(String s) {
    source = Entries.name(s, budget());
    countTruncations();
  }

  /**
   * Which of the runtime's lists of sessions in flight holds it: low bits of its start time,
   * mixed with bits that change every millisecond, drawn for free. Where {@code nanoTime} ticks
   * coarser than a nanosecond fewer lists are used within a millisecond; two sessions sharing a
   * list only share a lock held for a few writes.
   */
    int stripeBits() {
    return (int) (anchorNanos ^ (anchorNanos >>> 20));
  }

  /**
   * Counts in the first event of a session just made by {@link #implicit}, its root, and then
   * makes the session known to the runtime's sessions in flight: in {@code slot}, this thread's,
   * if it counts none yet, else in the runtime's list. Until then no other thread can reach the
   * session, so this takes no lock: the slot's releasing write, or the list's lock, publishes it
   * to shutdown and the sweep; other threads reach it only through a context handed to them.
   */
  void firstEventStarted(ActiveEvent event, TraceContext.Slot slot, long nowNanos) {
    if (recording) {
      onlyPending = event;
    }
    open = 1;
    rootSlot = slot;   // before the slot's releasing write, which publishes them with the session
    inSlot = true;
    if (slot.count(this)) {   // a field write, where the runtime's list takes a lock
      runtime.sessionCounted(nowNanos);
    } else {
      rootSlot = null;
      inSlot = false;
      runtime.sessionStarted(this, nowNanos);
    }
  }

  /**
   * Counts a new event in, under {@code parent} (the frame current where it starts). False if the
   * session takes no more work: it was cut, or it is past a limit, and the caller cuts it.
   */
  synchronized boolean eventStarted(ActiveEvent event, ContextFrame parent, long nowNanos) {
    if (cut || nowNanos - anchorNanos > runtime.maxSessionAgeNanos()) {
      return false;
    }
    if (recording) {
      if (pending == null && onlyPending == null) {
        onlyPending = event;
      } else {
        if (pending == null) {
          pending = new ArrayList<>(4);   // most sessions are a few events: a default list allocates 10 slots
          pending.add(onlyPending);
          onlyPending = null;
        }
        if (pending.size() >= runtime.config().maxSessionEvents()) {
          return false;
        }
        pending.add(event);
      }
      if (parent instanceof ActiveEvent p && p.session() == this && !p.complete) {
        event.parentEvent = p;   // its subtree is not complete until this event's is
        p.holds++;
      }                          // else top-level, or late: its parent's subtree has completed
    }
    hold();
    return true;
  }

  /** One more hold; a session that had completed is in flight again (late work), for shutdown to wait for. */
  private void hold() {
    if (open++ == 0 && !inFlight) {
      inFlight = true;
      runtime.sessionResumed(this);
    }
  }

  /**
   * Holds the session open, and {@code frame}'s subtree incomplete, for a task handed to a
   * wrapped executor until it has run: its traced calls then join the tree as children that
   * their parent lists. Null if the session takes no more work.
   */
  HandOff handOff(ContextFrame frame) {
    ActiveEvent parent = null;
    synchronized (this) {
      if (cut) {
        return null;
      }
      if (recording && frame instanceof ActiveEvent p && p.session() == this && !p.complete) {
        p.holds++;
        parent = p;
      }
      hold();
    }
    return new HandOff(this, parent);
  }

  /**
   * {@code event} ended at {@code nanos} ({@link System#nanoTime()}), with an error recorded or
   * not. Holding this session's lock, which the event's end took for its own fields: what it
   * returns, if not null, the caller passes to {@link #handOver(SessionBatch)} after letting go.
   */
  SessionBatch eventEndedLocked(ActiveEvent event, long nanos, boolean withError) {
    return dropLocked(event, null, recording && !sampled && withError, nanos);
  }

  /** A task handed off by {@link #handOff} has run (or will not). */
  void handOffDone(ActiveEvent parent) {
    drop(null, parent, false, System.nanoTime());
  }

  /** Drops the explicit session's own hold: it was closed. */
  void release() {
    drop(null, null, false, System.nanoTime());
  }

  private void drop(ActiveEvent ended, ActiveEvent handedFrom, boolean failed, long nanos) {
    SessionBatch out;
    synchronized (this) {
      out = dropLocked(ended, handedFrom, failed, nanos);
    }
    if (out != null) {
      handOver(out);
    }
  }

  /**
   * Drops one hold, after {@code ended} ended or a task handed off under {@code handedFrom}
   * ran. The last one takes what is held, to export it and announce the session (if kept);
   * before that, completed subtrees may leave early. Returns what to hand over after the lock is
   * let go (a piece to export, the session's leaving the sessions in flight, or both), or null.
   * Holding the lock.
   */
  private SessionBatch dropLocked(ActiveEvent ended, ActiveEvent handedFrom, boolean failed, long nanos) {
    if (cut) {
      return null;   // exported as it stood; what ends later has nowhere to go
    }
    if (failed) {
      failedSeen = true;
    }
    if (recording) {
      if (ended != null) {
        ended.treeEnded = true;
        endedHeld++;
        completeUpward(ended, nanos);
      }
      if (handedFrom != null) {
        handedFrom.holds--;
        completeUpward(handedFrom, nanos);
      }
    }
    if (--open > 0) {
      List<ActiveEvent> early = completeHeld > 0 ? earlyBatch(nanos) : null;
      if (early == null || early.isEmpty()) {
        return null;   // not yet, or what completed is an implicit session's root, which stays
      }
      // Counted among the sessions in flight once more until the piece is queued, so that
      // shutdown, cutting the session meanwhile, waits for the piece it no longer holds.
      runtime.sessionResumed(this);
      return new SessionBatch(this, (Object) early, false, true, false);
    }
    Object events;   // a session of one event hands it over without a list
    ActiveEvent only = null;
    List<ActiveEvent> batch = null;
    if (pending == null && onlyPending != null) {
      only = onlyPending;
      onlyPending = null;
      events = only;
    } else {
      batch = takePending();
      events = batch;
    }
    endedHeld = 0;
    completeHeld = 0;
    nextEarlyTry = EARLY_EXPORT_EVENTS;
    boolean first = !reported;
    reported = true;
    decideKeep(batch, only);
    boolean exports = kept && (only != null || !batch.isEmpty() || first);
    return leaving(exports ? events : null, first);
  }

  /** What is pending, taken out. Under the lock. */
  private List<ActiveEvent> takePending() {
    List<ActiveEvent> out = pending != null ? pending : onlyPending != null ? List.of(onlyPending) : List.of();
    pending = null;
    onlyPending = null;
    return out;
  }

  /** What is pending, as a list it is kept in from now on. Under the lock. */
  private List<ActiveEvent> pendingList() {
    if (pending == null) {
      pending = new ArrayList<>(4);
      if (onlyPending != null) {
        pending.add(onlyPending);
        onlyPending = null;
      }
    }
    return pending;
  }

  /** Marks {@code e}'s subtree complete if it is, and so on up while parents complete too. */
  private void completeUpward(ActiveEvent e, long nanos) {
    while (e != null && e.treeEnded && e.holds == 0 && !e.complete) {
      e.complete = true;
      if (completeHeld++ == 0) {
        firstCompleteNanos = nanos;
      }
      ActiveEvent parent = e.parentEvent;
      if (parent != null) {
        parent.holds--;
      }
      e = parent;
    }
  }

  /**
   * The events of completed subtrees, taken out of {@link #pending} to export early, or null if
   * it is not time yet, or the session may not export yet (kept only if something fails, and
   * nothing has). Cheap when it is not time: two comparisons.
   */
  private List<ActiveEvent> earlyBatch(long nanos) {
    boolean due = endedHeld >= nextEarlyTry || nanos - firstCompleteNanos >= runtime.earlyExportDelayNanos();
    if (!due) {
      return null;
    }
    // Once decided (e.g. dropped at completion), the decision holds for late work too.
    boolean mayLeave = keepDecided ? kept : sampled || (recording && (failedSeen || error != null));
    if (!mayLeave) {
      nextEarlyTry = endedHeld + EARLY_EXPORT_EVENTS;   // and the delay: try again only after more have ended
      firstCompleteNanos = nanos;
      return null;
    }
    List<ActiveEvent> pending = pendingList();
    List<ActiveEvent> out = new ArrayList<>(completeHeld);
    List<ActiveEvent> stay = new ArrayList<>(Math.max(4, pending.size() - completeHeld));
    int maxRemembered = runtime.config().maxSessionEvents();
    for (ActiveEvent e : pending) {
      if (!e.complete || isRoot(e)) {
        stay.add(e);
        continue;
      }
      out.add(e);
      ActiveEvent parent = e.parentEvent;
      if (parent != null && !parent.complete) {   // it stays; it lists this child when it leaves
        if (parent.earlyChildren == null) {
          parent.earlyChildren = new ArrayList<>();
        }
        if (parent.earlyChildren.size() < maxRemembered) {
          parent.earlyChildren.add(e.eventId());
        }
      }
    }
    this.pending = stay;
    endedHeld -= out.size();
    nextEarlyTry = endedHeld + EARLY_EXPORT_EVENTS;
    completeHeld = 0;
    keepDecided = true;
    kept = true;
    return out;
  }

  /** Decides whether the session is kept, if not yet decided; {@code batch} or {@code only} holds what it hands over. */
  /**
   * Whether {@code e} is an implicit session's root event: never sent early, the session's record
   * is taken from it. It is the one event of the session started with nothing current (it made the
   * session, {@link TracerRuntime#begin}); every later one starts under a frame of the session.
   * Asked rather than kept in a field: a session object a field smaller on every traced call.
   */
  private boolean isRoot(ActiveEvent e) {
    return implicit && e.previous() == null;
  }

  private void decideKeep(List<ActiveEvent> batch, ActiveEvent only) {
    if (!keepDecided) {
      keepDecided = true;
      kept = sampled || (recording && (failedSeen || failed(batch, only)));
    }
  }

  /**
   * Hands {@code out} to the processor if it holds events, then takes the session out of the
   * sessions in flight if it leaves them. Not holding the lock.
   */
  void handOver(SessionBatch out) {
    try {
      if (out.exports()) {
        runtime.export(out);
      }
    } catch (RuntimeException | LinkageError e) {
      runtime.internalError("handing over a session", e);
    } finally {   // whatever escaped (an Error), it leaves: else shutdown would wait for it to its deadline
      if (out.leavesSlot()) {
        rootSlot.uncount(this);
      }
      if (out.leavesInFlight()) {
        runtime.sessionCompleted(this);
      }
    }
  }

  /**
   * What to hand over as the session completes or is cut: {@code events} (one event, a list, or
   * null for none), and the session's leaving the sessions in flight from where it was counted;
   * null if nothing. It leaves them after the hand-over, for shutdown to wait for it; late work
   * holding it again before then counts it again, in OpenSessions (registrations are counted), and
   * a cut session takes no more work. Holding the lock.
   */
  private SessionBatch leaving(Object events, boolean first) {
    boolean leavesSlot = inFlight && inSlot;
    boolean leaves = inFlight && !inSlot;
    inFlight = false;
    inSlot = false;
    if (events != null) {
      return new SessionBatch(this, events, first, leaves, leavesSlot);
    }
    return leavesSlot ? SessionBatch.LEAVES_SLOT_ONLY : leaves ? SessionBatch.LEAVES_ONLY : null;
  }

  /**
   * Exports the session as it stands and closes it to new work: open events are ended as they
   * stand, marked incomplete. Returns the events that were still open, or null if the session
   * had been cut already. For shutdown and the limits; any thread.
   */
  List<ActiveEvent> cut() {
    List<ActiveEvent> batch;
    SessionBatch out;
    synchronized (this) {
      if (cut) {
        return null;
      }
      cut = true;
      batch = takePending();
      boolean first = !reported;
      reported = true;
      decideKeep(batch, null);
      out = leaving(kept && (!batch.isEmpty() || first) ? batch : null, first);
    }
    long now = System.nanoTime();
    List<ActiveEvent> stillOpen = new ArrayList<>();
    for (ActiveEvent e : batch) {
      if (e.endIncomplete(now)) {
        stillOpen.add(e);
      }
    }
    if (out != null) {   // after its open events were ended as they stood
      handOver(out);
    }
    return stillOpen;
  }

  /** Whether the session or any of the events recorded an error. Holding the lock (its events' too). */
  private boolean failed(List<ActiveEvent> batch, ActiveEvent only) {
    if (error != null) {
      return true;
    }
    if (only != null) {
      return only.error() != null;
    }
    for (ActiveEvent e : batch) {
      if (e.error() != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The session's own record. An implicit session takes its inputs, outputs and error from its
   * root event (as finished, so within the size limit), unless they were set on the session itself.
   */
  synchronized SessionProperties properties(List<Event> batch) {
    Map<String, Object> in = inputs;
    Map<String, Object> out = outputsMap();
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
}
