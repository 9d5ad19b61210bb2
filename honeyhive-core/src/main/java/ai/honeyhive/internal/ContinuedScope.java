package ai.honeyhive.internal;

import ai.honeyhive.Scope;

/**
 * The frame of a session continued from another service, current on the thread that continues
 * it: traced calls started under it become children of the caller's event
 * ({@link RemoteParent#parentEventId()}), or top-level events of the session when the caller
 * sent none. Closing it restores the thread's previous context (on the opening thread, as
 * {@link FrameScope} does) and lets the session complete once the work it holds (events still
 * open, tasks handed to wrapped executors) is done. Not public API.
 */
public final class ContinuedScope implements ContextFrame, Scope {
  private static final Scope NOTHING = () -> {};

  private final SessionTree tree;
  private final String parentId;
  private final ContextFrame previous;
  private Scope entered;
  private volatile boolean closed;

  private ContinuedScope(SessionTree tree, ContextFrame previous) {
    this.tree = tree;
    RemoteParent remote = tree.remote();
    this.parentId = remote.parentEventId() != null ? remote.parentEventId() : tree.sessionId();
    this.previous = previous;
  }

  /** Continues {@code remote} on this thread; while tracing is off this does nothing. */
  public static Scope enter(TracerRuntime runtime, RemoteParent remote) {
    if (!runtime.enabled()) {
      return NOTHING;
    }
    ContinuedScope scope = new ContinuedScope(SessionTree.continued(runtime, remote), TraceContext.current());
    scope.entered = FrameScope.enter(scope);
    return scope;
  }

  @Override
  public SessionTree session() {
    return tree;
  }

  @Override
  public String parentIdForChildren() {
    return parentId;
  }

  @Override
  public ContextFrame previous() {
    return previous;
  }

  @Override
  public boolean finished() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    entered.close();   // restores the thread's context, on the opening thread only
    tree.release();
  }

  @Override
  public String toString() {
    return "Continued[" + tree.sessionId() + " under " + parentId + "]";
  }
}
