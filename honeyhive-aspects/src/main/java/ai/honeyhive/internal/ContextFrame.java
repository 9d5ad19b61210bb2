package ai.honeyhive.internal;

/**
 * What is current on a thread: an event in progress or an open session scope. Children started
 * while it is current take {@link #parentIdForChildren()} as their {@code parent_id}.
 * Not public API.
 */
public interface ContextFrame {
  SessionTree session();

  String parentIdForChildren();
}
