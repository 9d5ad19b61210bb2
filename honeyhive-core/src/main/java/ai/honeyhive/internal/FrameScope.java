package ai.honeyhive.internal;

import ai.honeyhive.Scope;

/**
 * Makes a frame current on this thread, as a frame explicitly handed to it (see
 * {@link TraceContext}), and restores what was current before when closed, on this thread only
 * and once. Not public API.
 */
public final class FrameScope implements Scope {
  private final TraceContext.Slot slot;
  private final ContextFrame previous;
  private final ContextFrame previousEntered;
  private final Thread thread = Thread.currentThread();
  private boolean closed;

  private FrameScope(TraceContext.Slot slot) {
    this.slot = slot;
    this.previous = slot.frame;
    this.previousEntered = slot.entered;
  }

  /** Makes {@code frame} (null: no trace) current until the returned scope is closed. */
  public static Scope enter(ContextFrame frame) {
    // Even when frame is already current, close() must restore: the work may leave an event of its own current.
    TraceContext.Slot slot = TraceContext.slot(frame);
    FrameScope scope = new FrameScope(slot);
    slot.frame = frame;
    slot.entered = frame;
    return scope;
  }

  @Override
  public void close() {
    if (closed || Thread.currentThread() != thread) {
      return;
    }
    closed = true;
    // Restores even if the work left an event of its own current: nothing leaks onto the thread.
    slot.frame = previous;
    slot.entered = previousEntered;
  }
}
