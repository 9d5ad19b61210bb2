package ai.honeyhive.internal;

import ai.honeyhive.Scope;
import ai.honeyhive.Session;

/**
 * A handle of a session, and the frame that makes it current: traced calls started while it is
 * current become the session's top-level events. The handle of an opened session holds the session
 * open until closed; a view (what {@code HoneyHive.currentSession()} returns) enriches it and can
 * make it current, but closing it does nothing. Not public API.
 */
public final class SessionScope implements Session, ContextFrame {
  private final SessionTree tree;
  private final ContextFrame restoreTo;
  /** The thread it was made current on when opened; null if it was not. */
  private final Thread thread;
  private final boolean owner;
  /** Volatile: any thread checks it before starting work under this scope (see {@link TraceContext}). */
  private volatile boolean closed;

  private SessionScope(SessionTree tree, ContextFrame restoreTo, Thread thread, boolean owner) {
    this.tree = tree;
    this.restoreTo = restoreTo;
    this.thread = thread;
    this.owner = owner;
  }

  /** The handle of a session opened and made current on this thread, over {@code restoreTo}. */
  static SessionScope openedHere(SessionTree tree, ContextFrame restoreTo) {
    return new SessionScope(tree, restoreTo, Thread.currentThread(), true);
  }

  /** The handle of a session opened without making it current anywhere. */
  static SessionScope openedDetached(SessionTree tree) {
    return new SessionScope(tree, null, null, true);
  }

  static SessionScope view(SessionTree tree) {
    return new SessionScope(tree, null, null, false);
  }

  ContextFrame restoreTo() {
    return restoreTo;
  }

  @Override
  public SessionTree session() {
    return tree;
  }

  @Override
  public ContextFrame previous() {
    return restoreTo;
  }

  /** A closed session's handle is over; a view is over only when the session is cut. */
  @Override
  public boolean finished() {
    return closed;
  }

  @Override
  public String parentIdForChildren() {
    return tree.sessionId();
  }

  @Override
  public String sessionId() {
    return tree.sessionId();
  }

  @Override
  public Session setName(String name) {
    if (name != null && !name.isBlank()) {
      tree.setName(name.trim());
    }
    return this;
  }

  @Override
  public Session setSource(String source) {
    if (source != null && !source.isBlank()) {
      tree.setSource(source.trim());
    }
    return this;
  }

  @Override
  public Session setInput(String name, Object value) {
    tree.record(RecordedFields.INPUTS, name, value);
    return this;
  }

  @Override
  public Session setOutput(Object value) {
    tree.recordOutputs(value, true);
    return this;
  }

  @Override
  public Session setConfig(String key, Object value) {
    tree.record(RecordedFields.CONFIG, key, value);
    return this;
  }

  @Override
  public Session setMetadata(String key, Object value) {
    tree.record(RecordedFields.METADATA, key, value);
    return this;
  }

  @Override
  public Session setMetric(String key, Object value) {
    tree.record(RecordedFields.METRICS, key, value);
    return this;
  }

  @Override
  public Session setFeedback(String key, Object value) {
    tree.record(RecordedFields.FEEDBACK, key, value);
    return this;
  }

  @Override
  public Session setUserProperty(String key, Object value) {
    tree.record(RecordedFields.USER_PROPERTIES, key, value);
    return this;
  }

  @Override
  public Session recordError(Throwable error) {
    tree.recordThrown(error);
    return this;
  }

  @Override
  public Scope makeCurrent() {
    return FrameScope.enter(this);
  }

  @Override
  public void close() {
    if (!owner) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (Thread.currentThread() == thread) {
      for (ContextFrame f = TraceContext.current(); f != null; f = ActiveEvent.previousOf(f)) {
        if (f == this) {
          TraceContext.set(restoreTo);
          break;
        }
      }
    }
    tree.release();
  }

  @Override
  public String toString() {
    return "Session[" + tree.name() + " " + tree.sessionId() + "]";
  }
}
