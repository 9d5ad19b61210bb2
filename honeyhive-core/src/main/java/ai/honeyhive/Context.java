package ai.honeyhive;

import ai.honeyhive.internal.ActiveEvent;
import ai.honeyhive.internal.ContextFrame;
import ai.honeyhive.internal.FrameScope;
import ai.honeyhive.internal.HandOff;
import ai.honeyhive.internal.TraceContext;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The trace context of a thread at one moment: which session, and which event new traced calls
 * become children of. Capture it with {@link #current()} where the work is handed off and make it
 * current where the work runs, so that a trace does not break at a thread boundary:
 *
 * <pre>{@code
 * Context context = Context.current();
 * pool.submit(() -> {
 *   try (Scope scope = context.makeCurrent()) {
 *     tool.call();   // a child of the event that was current when the context was captured
 *   }
 * });
 * }</pre>
 *
 * <p>{@link #wrap(Runnable)} and {@link HoneyHive#taskWrapping(Executor)} do this for you. A context holds
 * no thread and no lock, so it works the same on platform and virtual threads. Capturing with no
 * trace in progress returns the empty context, without allocating.
 */
public final class Context {
  private static final Context EMPTY = new Context(null);

  private final ContextFrame frame;

  private Context(ContextFrame frame) {
    this.frame = frame;
  }

  /** This thread's context now; the empty context when no trace is in progress on it. */
  public static Context current() {
    ContextFrame f = TraceContext.current();
    return f == null ? EMPTY : new Context(f);
  }

  /** The context of no trace: work run in it starts new sessions. */
  public static Context empty() {
    return EMPTY;
  }

  /** The session of this context, if any. */
  public Optional<String> sessionId() {
    return frame == null ? Optional.empty() : Optional.of(frame.session().sessionId());
  }

  /** The event that traced calls made in this context become children of, if any. */
  public Optional<String> spanId() {
    return frame instanceof ActiveEvent e ? Optional.of(e.eventId()) : Optional.empty();
  }

  /**
   * Makes this context current on this thread until the returned scope is closed, which restores
   * what was current before. Use it in try-with-resources.
   */
  public Scope makeCurrent() {
    return FrameScope.enter(frame);
  }

  /** {@code task}, run in this context on whichever thread runs it; the thread's own context is restored after. */
  public Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      try (Scope ignored = makeCurrent()) {
        task.run();
      }
    };
  }

  /** {@code task}, run in this context on whichever thread runs it; the thread's own context is restored after. */
  public <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      try (Scope ignored = makeCurrent()) {
        return task.call();
      }
    };
  }

  /**
   * An executor that runs every task in this context, whichever thread hands the task over. Use
   * it for a continuation that makes traced calls, e.g.
   * {@code stage.thenComposeAsync(r -> summarize(r), Context.current().wrap(pool))}: the stage's
   * completing thread submits the task, but it runs as a child of the event current when the
   * continuation was chained. ({@link HoneyHive#taskWrapping(Executor)} instead takes the context of the
   * submitting thread.)
   */
  public Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    // holds this context's session until the task has run, so its traced calls join the tree whole
    return task -> HandOff.execute(executor, frame, wrap(task));
  }

  @Override
  public String toString() {
    return frame == null ? "Context[empty]" : "Context[" + frame + "]";
  }
}
