package ai.honeyhive.internal;

/**
 * The thread-local current frame. Frames form a stack through each frame's own record of what was
 * current before it; the stack lives in the frames, so the thread-local holds one reference and
 * is removed, not just nulled, when the outermost frame ends. Not public API.
 */
public final class TraceContext {
  private static final ThreadLocal<ContextFrame> CURRENT = new ThreadLocal<>();
  /** Whether any frame was ever made current: until then no thread can be in a trace. */
  private static volatile boolean everSet;

  private TraceContext() {}

  public static ContextFrame current() {
    return CURRENT.get();
  }

  /**
   * Whether this thread is in a trace. In a process that never traced (tracing off from the
   * start) this is one field read, without touching the thread-local.
   */
  public static boolean inTrace() {
    return everSet && CURRENT.get() != null;
  }

  /** Makes {@code frame} current; {@code null} clears the thread's context entirely. */
  public static void set(ContextFrame frame) {
    if (frame == null) {
      CURRENT.remove();
    } else {
      if (!everSet) {
        everSet = true;
      }
      CURRENT.set(frame);
    }
  }
}
