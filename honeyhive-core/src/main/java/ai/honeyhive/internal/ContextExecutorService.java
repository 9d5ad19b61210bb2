package ai.honeyhive.internal;

import ai.honeyhive.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An executor service that runs each task in the trace context of the thread that submitted it,
 * then restores the worker's own. Life-cycle calls go straight to the delegate. Not public API.
 */
public final class ContextExecutorService implements ExecutorService {
  private final ExecutorService delegate;

  public ContextExecutorService(ExecutorService delegate) {
    this.delegate = Objects.requireNonNull(delegate, "executor");
  }

  // execute and submit hold the submitter's session until the task has run (see HandOff), so
  // that its traced calls are children their parent lists; invokeAll/invokeAny block the caller
  // until the tasks are done, which holds it anyway.

  @Override
  public void execute(Runnable task) {
    HandOff.execute(delegate, TraceContext.current(), Context.current().wrap(task));
  }

  @Override
  public Future<?> submit(Runnable task) {
    return submit(Executors.callable(Objects.requireNonNull(task, "task"), null));
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return submit(Executors.callable(Objects.requireNonNull(task, "task"), result));
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    ContextFrame frame = TraceContext.current();
    if (frame == null) {
      return delegate.submit(Context.current().wrap(task));
    }
    FutureTask<T> future = HandOff.future(frame, Context.current().wrap(task));
    try {
      delegate.execute(future);
    } catch (RuntimeException | Error e) {   // rejected: it will not run
      future.cancel(false);
      throw e;
    }
    return future;
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
    return delegate.invokeAll(wrapAll(tasks));
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    return delegate.invokeAll(wrapAll(tasks), timeout, unit);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
    return delegate.invokeAny(wrapAll(tasks));
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return delegate.invokeAny(wrapAll(tasks), timeout, unit);
  }

  private static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
    Context context = Context.current();
    List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      wrapped.add(context.wrap(task));
    }
    return wrapped;
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return HandOff.releaseAll(delegate.shutdownNow());
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }

  @Override
  public String toString() {
    return "ContextExecutorService[" + delegate + "]";
  }
}
