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
 *
 * <p>A frame can be left current after it is over: a span never ended (an exception before
 * {@code end()}), a span ended or a session closed from another thread, a session cut at a
 * limit or at shutdown. {@link #current()} pops such frames as it meets them, so they are never
 * the parent of later, unrelated work on the thread. The one exception is the frame handed to
 * the thread explicitly ({@link #enter}, what {@code Context.makeCurrent()} and the wrapped
 * executors do): work started under it is the late work of that trace, unless its session was cut.
 * Not public API.
 */
public final class TraceContext {
  private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);
  /** Whether any frame was ever made current: until then no thread can be in a trace. */
  private static volatile boolean everSet;

  /** A thread's current frame, or null, and the frame it was explicitly handed, if any. */
  static final class Slot {
    ContextFrame frame;
    ContextFrame entered;
    /** The thread whose slot it is: an event started here keeps its slot, to end without a lookup. */
    final Thread thread = Thread.currentThread();
  }

  private TraceContext() {}

  /** The thread's current frame, or null; frames found to be over are popped first. */
  public static ContextFrame current() {
    if (!everSet) {
      return null;
    }
    return current(CURRENT.get());
  }

  /**
   * This thread's slot, for a caller about to make a frame current that reads and writes the
   * slot directly ({@link #current(Slot)}, {@code slot.frame = f}): one thread-local lookup
   * instead of one per read and write.
   */
  static Slot slotToSet() {
    if (!everSet) {
      everSet = true;
    }
    return CURRENT.get();
  }

  /** {@link #current()} read from this thread's {@code slot}. */
  static ContextFrame current(Slot slot) {
    ContextFrame f = slot.frame;
    if (f != null && (f.finished() || f.session().isCut())) {
      f = popFinished(slot, f);
    }
    return f;
  }

  /**
   * Takes {@code frame} off this thread's stack, making {@code restoreTo} current: if it is not on
   * top (an inner frame was never ended), the frames above it go too; if it is not on the stack
   * at all, nothing changes.
   */
  static void pop(ContextFrame frame, ContextFrame restoreTo) {
    if (!everSet) {
      return;
    }
    pop(CURRENT.get(), frame, restoreTo);
  }

  /** {@link #pop(ContextFrame, ContextFrame)} on this thread's {@code slot}, without looking it up. */
  static void pop(Slot slot, ContextFrame frame, ContextFrame restoreTo) {
    if (slot.frame == frame) {
      slot.frame = restoreTo;   // on top, the usual case: frames left over below are popped when met
      return;
    }
    for (ContextFrame f = current(slot); f != null; f = f.previous()) {
      if (f == frame) {
        slot.frame = restoreTo;
        return;
      }
    }
  }

  private static ContextFrame popFinished(Slot slot, ContextFrame top) {
    ContextFrame f = top;
    while (f != null) {
      if (f.session().isCut()) {
        if (f == slot.entered) {
          f = null;   // handed a trace that no longer takes work: run outside any trace
          break;
        }
      } else if (f == slot.entered || !f.finished()) {
        break;
      }
      f = f.previous();
    }
    slot.frame = f;
    return f;
  }

  /**
   * Whether this thread may be in a trace. In a process that never traced (tracing off from the
   * start) this is one field read, without touching the thread-local.
   */
  public static boolean inTrace() {
    return everSet && CURRENT.get().frame != null;
  }

  /** Whether any thread may be in a trace: false until a frame was first made current. One field read. */
  public static boolean mayBeInTrace() {
    return everSet;
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

  /** This thread's slot, for {@link FrameScope} to save and restore both of its fields. */
  static Slot slot(ContextFrame entering) {
    if (entering != null && !everSet) {
      everSet = true;
    }
    return CURRENT.get();
  }
}
