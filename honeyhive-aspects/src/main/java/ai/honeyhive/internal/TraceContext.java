package ai.honeyhive.internal;

/**
 * The thread-local current frame. Frames form a stack through each frame's own record of what was
 * current before it; the stack lives in the frames, so the thread-local holds one reference and
 * is removed, not just nulled, when the outermost frame ends. Not public API.
 */
public final class TraceContext {
  private static final ThreadLocal<ContextFrame> CURRENT = new ThreadLocal<>();

  private TraceContext() {}

  public static ContextFrame current() {
    return CURRENT.get();
  }

  /** Makes {@code frame} current; {@code null} clears the thread's context entirely. */
  public static void set(ContextFrame frame) {
    if (frame == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(frame);
    }
  }
}
