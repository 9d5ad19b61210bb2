package ai.honeyhive.internal;

import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.SessionProcessor;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.EventType;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * The tracer's state and the operations the public API and the aspects share: starting events
 * and sessions on the current thread's context, handing completed sessions to the processor, and
 * counting the library's own failures. Not public API.
 */
public final class TracerRuntime {
  private static final ThrottledLogger LOG =
      new ThrottledLogger(LoggerFactory.getLogger("ai.honeyhive.Tracer"));

  private final HoneyHiveConfig config;
  private final SessionProcessor processor;
  private final ValueCapture capture;
  private final double sampleRate;
  private final AtomicLong internalErrors = new AtomicLong();
  /** Sessions started and not yet completed, for shutdown to give them a moment. */
  private final AtomicInteger sessionsInFlight = new AtomicInteger();
  private volatile boolean enabled;

  public TracerRuntime(HoneyHiveConfig config, SessionProcessor processor, ValueCapture capture) {
    this.config = config;
    this.processor = processor;
    this.capture = capture;
    this.enabled = config.tracingEnabled();
    this.sampleRate = config.sampleRate();
  }

  public HoneyHiveConfig config() {
    return config;
  }

  public SessionProcessor processor() {
    return processor;
  }

  public ValueCapture capture() {
    return capture;
  }

  public boolean enabled() {
    return enabled;
  }

  public void setEnabled(boolean on) {
    enabled = on;
  }

  /**
   * Starts an event as a child of the thread's current frame, or as the root of a new implicit
   * session when there is none, and makes it current.
   */
  public ActiveEvent begin(EventType type, String name) {
    return begin(type, name, null);
  }

  /** {@link #begin(EventType, String)} for an event that {@code origin} (an aspect's join point) will end. */
  public ActiveEvent begin(EventType type, String name, Object origin) {
    ContextFrame parent = TraceContext.current();
    SessionTree session;
    String parentId;
    if (parent == null) {
      session = SessionTree.implicit(this, name);
      parentId = session.sessionId();
    } else {
      session = parent.session();
      parentId = parent.parentIdForChildren();
    }
    ActiveEvent event = new ActiveEvent(session, parentId, type, name, parent, origin);
    session.eventStarted(event);
    TraceContext.set(event);
    return event;
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

  void sessionStarted() {
    sessionsInFlight.incrementAndGet();
  }

  void sessionCompleted() {
    sessionsInFlight.decrementAndGet();
  }

  /**
   * Waits until every session started has completed, or the deadline ({@link System#nanoTime()})
   * passes; true if none is left. Polls: it runs once, at shutdown.
   */
  public boolean awaitSessionsInFlight(long deadlineNanos) {
    while (sessionsInFlight.get() > 0) {
      if (System.nanoTime() - deadlineNanos >= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(1_000_000L);
    }
    return true;
  }

  void export(BatchRequest batch) {
    try {
      processor.onSessionEnd(batch);
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
