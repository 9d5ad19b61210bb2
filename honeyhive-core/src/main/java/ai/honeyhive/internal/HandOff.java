package ai.honeyhive.internal;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * A task handed to a wrapped executor, holding its session open, and the handing event's subtree
 * incomplete, until the task has run: the traced calls it makes are then children that their
 * parent lists in its {@code children_ids}, rather than late events of a parent already sent.
 * A task the executor rejects, a future cancelled before it ran and the tasks
 * {@code shutdownNow} returns release their hold; a task an executor drops silently holds its
 * session until the session's age limit. Not public API.
 */
public final class HandOff {
  private final SessionTree tree;
  private final ActiveEvent parent;
  private boolean released;

  HandOff(SessionTree tree, ActiveEvent parent) {
    this.tree = tree;
    this.parent = parent;
  }

  /** A hold on {@code frame}'s session for a task about to be handed off; null outside a trace. */
  public static HandOff of(ContextFrame frame) {
    return frame == null ? null : frame.session().handOff(frame);
  }

  /** Counts a failure of ours while letting go of the hold. */
  void internalError(Throwable e) {
    tree.runtime().internalError("letting go of a task's hold on its session", e);
  }

  /** Releases the hold, once. */
  public void done() {
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
    }
    tree.handOffDone(parent);
  }

  /**
   * Hands {@code task} (already wrapped in its trace context) to {@code executor}, holding the
   * session of {@code frame} until it has run.
   */
  public static void execute(Executor executor, ContextFrame frame, Runnable task) {
    HandOff hold = of(frame);
    if (hold == null) {
      executor.execute(task);
      return;
    }
    try {
      executor.execute(new Held(hold, task));
    } catch (RuntimeException | Error e) {   // rejected: it will not run
      hold.done();
      throw e;
    }
  }

  /** A future of {@code task} (already wrapped in its trace context) that holds the session of {@code frame} until it is done or cancelled. */
  public static <T> FutureTask<T> future(ContextFrame frame, Callable<T> task) {
    return new HeldFuture<>(of(frame), task);
  }

  /** Releases the holds of tasks that will not run (what {@code shutdownNow} returns); returns the list. */
  public static List<Runnable> releaseAll(List<Runnable> tasks) {
    for (Runnable r : tasks) {
      if (r instanceof Held h) {
        h.hold.done();
      } else if (r instanceof HeldFuture<?> f && f.hold != null) {
        f.hold.done();
      }
    }
    return tasks;
  }

  private static final class Held implements Runnable {
    final HandOff hold;
    private final Runnable task;

    Held(HandOff hold, Runnable task) {
      this.hold = hold;
      this.task = task;
    }

    @Override
    public void run() {
      try {
        task.run();
      } finally {
        hold.done();
      }
    }
  }

  /** Releases the hold when done, including cancelled before it ran: FutureTask calls {@link #done()} then too. */
  private static final class HeldFuture<T> extends FutureTask<T> {
    final HandOff hold;

    HeldFuture(HandOff hold, Callable<T> task) {
      super(task);
      this.hold = hold;
    }

    // The hold is let go before the future completes, so that whoever waits on the future (get())
    // finds the work's session handed over already, not about to be; done() covers cancellation.
    @Override
    protected void set(T v) {
      try {
        release();
      } finally {   // the caller's value is set whatever our hand-over does
        super.set(v);
      }
    }

    @Override
    protected void setException(Throwable t) {
      try {
        release();
      } finally {
        super.setException(t);
      }
    }

    @Override
    protected void done() {
      release();
    }

    /** Lets go of the hold, once; our failure is counted, never the task's outcome. */
    private void release() {
      if (hold != null) {
        try {
          hold.done();
        } catch (RuntimeException | LinkageError e) {
          hold.internalError(e);
        }
      }
    }
  }
}
