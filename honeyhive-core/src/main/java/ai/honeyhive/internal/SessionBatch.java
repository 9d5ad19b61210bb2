package ai.honeyhive.internal;

import ai.honeyhive.transport.export.internal.CompletedSession;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a session handed to the processor (at completion, early export or a cut), and the
 * one place its request body is assembled: each event with the {@code children_ids} derived from
 * the {@code parent_id}s, so that both directions agree, and the session's record when the piece
 * announces the session, else only its id. Assembled only when the processor asks, which the
 * batching processor does on its own thread: ended events no longer change, and their values
 * were captured when they were recorded. Not public API.
 */
final class SessionBatch implements CompletedSession {
  private final SessionTree session;
  /**
   * The events: one {@link ActiveEvent}, or a {@code List} of them; null if this hand-over
   * exports nothing. A session of a single traced call (the most common) hands over its event
   * without a list made for it on the caller's thread.
   */
  private final Object events;
  private final boolean announces;
  /** The session leaves {@code OpenSessions} once this is handed over (see {@link SessionTree#handOver}). */
  private final boolean leavesInFlight;
  /** The session leaves its thread's slot once this is handed over, where it was counted in flight instead. */
  private final boolean leavesSlot;

  SessionBatch(SessionTree session, List<ActiveEvent> events, boolean announces, boolean leavesInFlight) {
    this(session, (Object) events, announces, leavesInFlight, false);
  }

  /** @param events one {@link ActiveEvent}, a {@code List} of them, or null */
  SessionBatch(SessionTree session, Object events, boolean announces, boolean leavesInFlight, boolean leavesSlot) {
    this.session = session;
    this.events = events;
    this.announces = announces;
    this.leavesInFlight = leavesInFlight;
    this.leavesSlot = leavesSlot;
  }

  /**
   * Hand-overs with nothing to export that take the session out of the sessions in flight, from
   * {@code OpenSessions} or from its thread's slot: shared, as {@link SessionTree#handOver} reads
   * no more from them (a session dropped by sampling allocates nothing for its hand-over).
   */
  static final SessionBatch LEAVES_ONLY = new SessionBatch(null, (Object) null, false, true, false);
  static final SessionBatch LEAVES_SLOT_ONLY = new SessionBatch(null, (Object) null, false, false, true);

  /** Whether it holds a piece to export (else the hand-over only takes the session out of those in flight). */
  boolean exports() {
    return events != null;
  }

  boolean leavesInFlight() {
    return leavesInFlight;
  }

  boolean leavesSlot() {
    return leavesSlot;
  }

  @SuppressWarnings("unchecked")
  private List<ActiveEvent> events() {
    return events instanceof ActiveEvent only ? List.of(only) : (List<ActiveEvent>) events;
  }

  @Override
  public int eventCount() {
    return events instanceof ActiveEvent ? 1 : events().size();
  }

  /** For the export queue's byte limit: what each event captured, plus its ids, names and times. */
  @Override
  public long estimatedBytes() {
    long n = 512; // the session's own record
    if (events instanceof ActiveEvent only) {
      return n + 400 + only.capturedBytes();
    }
    for (ActiveEvent e : events()) {
      n += 400 + e.capturedBytes();
    }
    return n;
  }

  @Override
  public BatchRequest toBatchRequest() {
    try {
      return assemble();
    } catch (RuntimeException | LinkageError e) {
      session.runtime().internalError("assembling a session", e);
      throw e;
    }
  }

  private BatchRequest assemble() {
    List<ActiveEvent> events = events();
    Map<String, List<String>> children = new HashMap<>();
    for (ActiveEvent e : events) {
      children.computeIfAbsent(e.parentId(), k -> new ArrayList<>()).add(e.eventId());
    }
    synchronized (session) {   // children that left before their parent (early export); the session's lock guards them
      for (ActiveEvent e : events) {
        if (e.earlyChildren != null) {
          children.computeIfAbsent(e.eventId(), k -> new ArrayList<>()).addAll(0, e.earlyChildren);
        }
      }
    }
    String project = session.project();
    String source = session.source();
    List<Event> out = new ArrayList<>(events.size());
    for (ActiveEvent e : events) {
      out.add(e.toEvent(children.getOrDefault(e.eventId(), List.of()), project, source));
    }
    SessionProperties props = announces ? session.properties(out) : SessionProperties.ofId(session.sessionId());
    return BatchRequest.ofSession(props, out);
  }
}
