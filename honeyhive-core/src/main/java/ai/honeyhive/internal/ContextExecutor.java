package ai.honeyhive.internal;

import ai.honeyhive.Context;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An executor that runs each task in the trace context of the thread that submitted it, then
 * restores the worker's own. Not public API.
 */
public final class ContextExecutor implements Executor {
  private final Executor delegate;

  public ContextExecutor(Executor delegate) {
    this.delegate = Objects.requireNonNull(delegate, "executor");
  }

  @Override
  public void execute(Runnable task) {
    // holds the submitter's session until the task has run: see HandOff
    HandOff.execute(delegate, TraceContext.current(), Context.current().wrap(task));
  }

  @Override
  public String toString() {
    return "ContextExecutor[" + delegate + "]";
  }
}
