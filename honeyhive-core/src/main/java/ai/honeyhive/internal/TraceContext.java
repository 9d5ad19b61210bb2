package ai.honeyhive.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

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
    private static final VarHandle OPEN_SESSION;

    static {
      try {
        OPEN_SESSION = MethodHandles.lookup().findVarHandle(Slot.class, "openSession", SessionTree.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    ContextFrame frame;
    ContextFrame entered;
    /** The thread whose slot it is: an event started here keeps its slot, to end without a lookup. */
    final Thread thread = Thread.currentThread();
    /** A virtual thread's slot counts no session (see {@link #count}): there may be millions of them. */
    private final boolean virtual = isVirtual(thread);
    /**
     * An implicit session started on this thread and counted among the sessions in flight here
     * instead of in the runtime's {@code OpenSessions} (see {@link #count}); null if none. Written
     * by this thread with a releasing write (another thread only clears it, atomically), read by
     * shutdown and the sweep with an acquiring read ({@link #openSessions}).
     */
    private SessionTree openSession;
    /** In {@link #LISTED}; touched by this thread only. */
    private boolean listed;

    /**
     * Counts {@code session}, an implicit session just started on this thread and not yet
     * reachable from any other, among the sessions in flight through this slot: a field write
     * instead of two locks (one to add it to the runtime's list, one to take it out), on every
     * traced call that is its own session. False if the slot already counts one (a session left
     * open, or started inside another), or is a virtual thread's: the caller counts it in the
     * runtime's list instead. This thread only.
     */
    boolean count(SessionTree session) {
      if (virtual || OPEN_SESSION.get(this) != null) {
        return false;
      }
      if (!listed) {
        listed = true;
        list(this);
      }
      OPEN_SESSION.setRelease(this, session);   // publishes the session to shutdown and the sweep
      return true;
    }

    /** Stops counting {@code session} here, if it still is: its hand-over is done. Any thread. */
    void uncount(SessionTree session) {
      if (Thread.currentThread() == thread) {
        if (OPEN_SESSION.get(this) == session) {   // only this thread puts one in: no race with the check
          OPEN_SESSION.setRelease(this, null);
        }
      } else {
        OPEN_SESSION.compareAndSet(this, session, null);
      }
    }
  }

  /**
   * Every platform thread's slot that ever counted a session, for shutdown and the sweep to find
   * the sessions counted there; a dead thread's slot leaves once it counts none. Guarded by itself.
   */
  private static final List<Slot> LISTED = new ArrayList<>();

  private static void list(Slot slot) {
    synchronized (LISTED) {
      LISTED.add(slot);
    }
  }

  /** Adds to {@code out} the sessions of {@code runtime} counted in threads' slots. */
  static void openSessions(TracerRuntime runtime, Collection<SessionTree> out) {
    synchronized (LISTED) {
      for (Iterator<Slot> it = LISTED.iterator(); it.hasNext(); ) {
        Slot slot = it.next();
        SessionTree s = (SessionTree) Slot.OPEN_SESSION.getAcquire(slot);
        if (s == null) {
          if (!slot.thread.isAlive()) {
            it.remove();
          }
        } else if (s.runtime() == runtime) {
          out.add(s);
        }
      }
    }
  }

  private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

  private static MethodHandle isVirtualHandle() {
    try {
      return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (ReflectiveOperationException e) {
      return null;   // before JDK 21: no virtual threads
    }
  }

  private static boolean isVirtual(Thread t) {
    try {
      return IS_VIRTUAL != null && (boolean) IS_VIRTUAL.invokeExact(t);
    } catch (Throwable e) {
      return true;   // unknown: counted the usual way
    }
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
