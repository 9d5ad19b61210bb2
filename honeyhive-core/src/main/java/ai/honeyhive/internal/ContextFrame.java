package ai.honeyhive.internal;

/**
 * What is current on a thread: an event in progress or an open session scope. Children started
 * while it is current take {@link #parentIdForChildren()} as their {@code parent_id}.
 * Not public API.
 */
public interface ContextFrame {
  SessionTree session();

  String parentIdForChildren();

  /** What was current on the thread before this frame; what ending it restores. */
  ContextFrame previous();

  /**
   * Whether this frame is over (an ended event, a closed session), so that it must not become the
   * parent of new work it was left current for. Work explicitly handed this frame
   * ({@link TraceContext#enter}) may still start under it: that is a late child.
   */
  boolean finished();
}
