package ai.honeyhive.internal;

import ai.honeyhive.Scope;

/**
 * Makes a frame current on this thread and restores what was current before when closed, on this
 * thread only and once. Not public API.
 */
public final class FrameScope implements Scope {
  private final ContextFrame previous;
  private final Thread thread = Thread.currentThread();
  private boolean closed;

  private FrameScope(ContextFrame previous) {
    this.previous = previous;
  }

  /** Makes {@code frame} (null: no trace) current until the returned scope is closed. */
  public static Scope enter(ContextFrame frame) {
    // Even when frame is already current, close() must restore: the work may leave an event of its own current.
    ContextFrame previous = TraceContext.current();
    TraceContext.set(frame);
    return new FrameScope(previous);
  }

  @Override
  public void close() {
    if (closed || Thread.currentThread() != thread) {
      return;
    }
    closed = true;
    // Restores even if the work left an event of its own current: nothing leaks onto the thread.
    TraceContext.set(previous);
  }
}
