package ai.honeyhive.propagation;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Scope;
import ai.honeyhive.Tracer;
import ai.honeyhive.internal.ContinuedScope;
import ai.honeyhive.internal.RemoteParent;
import ai.honeyhive.internal.TracerRuntimes;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller's trace context, read from an incoming request by {@link Propagation#extract}:
 * the HoneyHive session to join and the calling event that this service's work belongs under.
 * Continue it where the request is served:
 *
 * <pre>{@code
 * RemoteContext caller = Propagation.extract(exchange.getRequestHeaders());
 * try (Scope scope = caller.makeCurrent()) {
 *   tools.lookup(query);   // traced: a child of the caller's event, in the caller's session
 * }
 * }</pre>
 *
 * Every value here was validated; a request without a usable HoneyHive context gives the
 * {@linkplain #empty() empty} context, whose {@code makeCurrent} does nothing, so traced calls
 * start sessions of their own as usual. Never throws.
 */
public final class RemoteContext {
  private static final RemoteContext EMPTY = new RemoteContext(null);
  private static final Scope NOTHING = () -> {};

  private final RemoteParent remote;

  private RemoteContext(RemoteParent remote) {
    this.remote = remote;
  }

  static RemoteContext of(RemoteParent remote) {
    return remote == null ? EMPTY : new RemoteContext(remote);
  }

  /** The context of no caller. */
  public static RemoteContext empty() {
    return EMPTY;
  }

  /** Whether it holds a HoneyHive session to continue. */
  public boolean isPresent() {
    return remote != null;
  }

  /** The caller's session, which this service's events join. */
  public Optional<String> sessionId() {
    return remote == null ? Optional.empty() : Optional.of(remote.sessionId());
  }

  /** The caller's event that this service's top-level events become children of; empty: the session itself. */
  public Optional<String> parentEventId() {
    return remote == null ? Optional.empty() : Optional.ofNullable(remote.parentEventId());
  }

  /** The W3C trace id the caller sent, passed on by this service's own outgoing calls. */
  public Optional<String> traceId() {
    return remote == null ? Optional.empty() : Optional.ofNullable(remote.traceId());
  }

  /**
   * The caller's sampling decision ({@code traceparent}'s sampled flag; true when no
   * {@code traceparent} came): a session the caller does not keep records nothing here either.
   */
  public boolean sampled() {
    return remote == null || remote.sampled();
  }

  /** The project the caller's session belongs to, if it said; this service's events of the session go there. */
  public Optional<String> project() {
    return remote == null ? Optional.empty() : Optional.ofNullable(remote.project());
  }

  /** The caller's source (e.g. {@code production}), if it said; this service's events of the session carry it. */
  public Optional<String> source() {
    return remote == null ? Optional.empty() : Optional.ofNullable(remote.source());
  }

  /** {@link #makeCurrent(Tracer)} on the process-wide tracer, {@link HoneyHive#tracer()}. */
  public Scope makeCurrent() {
    return remote == null ? NOTHING : makeCurrent(HoneyHive.tracer());
  }

  /**
   * Continues the caller's session on this thread until the returned scope is closed (use
   * try-with-resources): traced calls made meanwhile join the caller's session as children of
   * the caller's event, and {@link Propagation#inject} passes the context on. This service sends
   * its events as follow-up pieces of that session, which the caller announces; it never
   * announces it itself. {@code Context.current()} taken inside carries the continuation to other
   * threads. Closing the scope restores the thread's previous context; the events are sent once
   * everything started inside has ended. The empty context, or tracing off, does nothing.
   */
  public Scope makeCurrent(Tracer tracer) {
    Objects.requireNonNull(tracer, "tracer");
    if (remote == null) {
      return NOTHING;
    }
    try {
      return ContinuedScope.enter(TracerRuntimes.of(tracer), remote);
    } catch (RuntimeException | LinkageError e) {
      TracerRuntimes.of(tracer).internalError("continuing a remote context", e);
      return NOTHING;
    }
  }

  @Override
  public String toString() {
    return remote == null ? "RemoteContext[empty]"
        : "RemoteContext[session " + remote.sessionId() + ", parent " + remote.parentEventId()
            + ", sampled " + remote.sampled() + "]";
  }
}
