package ai.honeyhive.internal;

import ai.honeyhive.Session;

/**
 * The handle of an explicitly opened session: current on the opening thread until closed, and
 * the parent of the top-level events started meanwhile. Not public API.
 */
public final class SessionScope implements Session, ContextFrame {
  private final SessionTree tree;
  private final ContextFrame restoreTo;
  private final Thread thread;
  private boolean closed;

  SessionScope(SessionTree tree, ContextFrame restoreTo) {
    this.tree = tree;
    this.restoreTo = restoreTo;
    this.thread = Thread.currentThread();
  }

  ContextFrame restoreTo() {
    return restoreTo;
  }

  @Override
  public SessionTree session() {
    return tree;
  }

  @Override
  public String parentIdForChildren() {
    return tree.sessionId();
  }

  @Override
  public String sessionId() {
    return tree.sessionId();
  }

  private ValueCapture capture() {
    return tree.runtime().capture();
  }

  private Object capture(String name, Object value) {
    ValueCapture c = capture();
    return c.capture(name, value, c.newBudget());
  }

  @Override
  public Session setInput(String name, Object value) {
    tree.putInput(name, capture(name, value));
    return this;
  }

  @Override
  public Session setOutput(Object value) {
    tree.setOutputs(OutputShape.of(value, capture(), capture().newBudget()));
    return this;
  }

  @Override
  public Session setMetadata(String key, Object value) {
    tree.putMetadata(key, capture(key, value));
    return this;
  }

  @Override
  public Session setUserProperty(String key, Object value) {
    tree.putUserProperty(key, capture(key, value));
    return this;
  }

  @Override
  public Session recordError(Throwable error) {
    Object captured = capture("error", ActiveEvent.describe(error));
    tree.setError(captured == null ? null : captured.toString());
    return this;
  }

  @Override
  public void close() {
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
