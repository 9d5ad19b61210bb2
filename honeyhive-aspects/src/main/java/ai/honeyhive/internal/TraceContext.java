package ai.honeyhive.internal;

/**
 * The thread-local current frame. Frames form a stack through each frame's own record of what was
 * current before it; the stack lives in the frames, so the thread-local holds one reference.
 *
 * <p>Each thread keeps one small mutable slot for its whole life and a frame is put in and taken
 * out of it, rather than the thread-local being set and removed for every outermost frame:
 * removing and re-adding a thread-local entry costs a hash-table insertion and a scan for stale
 * entries on every traced session (about a tenth of an enabled traced call, measured). An empty
 * slot holds no reference, so nothing of a finished trace stays reachable from a pooled thread.
 * Not public API.
 */
public final class TraceContext {
  private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);
  /** Whether any frame was ever made current: until then no thread can be in a trace. */
  private static volatile boolean everSet;

  /** A thread's current frame, or null. */
  private static final class Slot {
    ContextFrame frame;
  }

  private TraceContext() {}

  public static ContextFrame current() {
    return everSet ? CURRENT.get().frame : null;
  }

  /**
   * Whether this thread is in a trace. In a process that never traced (tracing off from the
   * start) this is one field read, without touching the thread-local.
   */
  public static boolean inTrace() {
    return everSet && CURRENT.get().frame != null;
  }

  /** Makes {@code frame} current; {@code null} leaves the thread with no current frame. */
  public static void set(ContextFrame frame) {
    if (frame != null && !everSet) {
      everSet = true;
    }
    if (frame != null || everSet) {
      CURRENT.get().frame = frame;
    }
  }
}
