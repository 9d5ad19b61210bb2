package ai.honeyhive.internal;

/**
 * Lets each execution of a woven method end only the event it started. An aspect's advice cannot
 * hand its before advice's result to its after advice without around advice (which would box
 * the arguments even with tracing off), so the event is found again at exit from the thread's
 * context. A recursive method that ran untraced at one level and traced at the level above would
 * then find the outer level's event, of the same join point on the same thread, and end it early.
 *
 * <p>So every woven call entered while this thread is in a trace is counted on the innermost
 * event this thread started ({@link #entered()}); a call that starts its own event takes its count
 * back ({@link #started}). At exit, the first event of this thread with a count outstanding
 * belongs to an enclosing event whose woven call started nothing: the exit takes one back and ends
 * nothing ({@link #toEnd}). Calls nest, so counts are taken back in the order they were given.
 * Only the thread that started an event touches its count: no lock, no allocation. Not public API.
 */
public final class AdviceEntries {
  private AdviceEntries() {}

  /**
   * What an aspect's start advice leaves on its event as the event's origin: the join point its
   * exit advice will name (see {@link #toEnd}), and whatever else the exit needs, so that the exit
   * looks nothing up.
   */
  public interface Origin {
    /** The join point (AspectJ's static part) of the woven method. */
    Object joinPoint();

    /**
     * The names the arguments passed to {@link TracerRuntime#begin(ai.honeyhive.transport.model.EventType,
     * String, Object, Object[])} are recorded under, one per argument, ready as
     * {@link ActiveEvent#namesReady} says; null if the arguments are not passed there.
     */
    default String[] inputNames() {
      return null;
    }

    /**
     * Whether the event name passed with this origin is sent as it is (not too long, well
     * formed), checked once per method: a call then checks it no more.
     */
    default boolean nameReady() {
      return false;
    }

    /** Config entries every call records (a model's name and provider), names ready; null if none. */
    default String[] configNames() {
      return null;
    }

    /** The values of {@link #configNames()}, copied for each call. */
    default Object[] configValues() {
      return null;
    }
  }

  /** A woven call is being entered on this thread, which is in a trace; it has started nothing yet. */
  public static void entered() {
    ActiveEvent owner = innermostOwned(TraceContext.current());
    if (owner != null) {
      owner.untracedEntries++;
    }
  }

  /** The call being entered started {@code event}: it is no longer counted below it. */
  public static void started(ActiveEvent event) {
    ActiveEvent owner = innermostOwned(ActiveEvent.previousOf(event));
    if (owner != null && owner.untracedEntries > 0) {
      owner.untracedEntries--;
    }
  }

  /**
   * The event the exiting woven call of join point {@code origin} started on this thread, or
   * null if it started none. Normally the current frame; deeper if events started inside the
   * call were left open.
   */
  public static ActiveEvent toEnd(Object origin) {
    Thread here = Thread.currentThread();
    for (ContextFrame f = TraceContext.current(); f != null; f = ActiveEvent.previousOf(f)) {
      if (f instanceof ActiveEvent e && e.startedOn() == here) {
        if (e.untracedEntries > 0) {
          e.untracedEntries--;   // this call was entered above e and started nothing
          return null;
        }
        if (startedBy(e, origin)) {
          return e;
        }
      }
    }
    return null;
  }

  /** Whether {@code e} was started by a call of join point {@code joinPoint}. */
  static boolean startedBy(ActiveEvent e, Object joinPoint) {
    Object o = e.origin();
    return o == joinPoint || (o instanceof Origin w && w.joinPoint() == joinPoint);
  }

  private static ActiveEvent innermostOwned(ContextFrame from) {
    Thread here = Thread.currentThread();
    for (ContextFrame f = from; f != null; f = ActiveEvent.previousOf(f)) {
      if (f instanceof ActiveEvent e && e.startedOn() == here) {
        return e;
      }
    }
    return null;
  }
}
