package ai.honeyhive.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Ends the event of a traced call that returned a {@link CompletionStage} when the stage
 * completes, not when the call returns: outputs from the value, error from the exceptional
 * completion, duration to completion. The caller keeps the very stage the call returned; the
 * callback is attached to it and its result is discarded. Not public API.
 */
public final class AsyncCompletion {
  private AsyncCompletion() {}

  /**
   * Takes {@code event} off this thread's context (the call has returned) and ends it when
   * {@code stage} completes, on the thread that completes it.
   */
  public static void endWhenComplete(ActiveEvent event, CompletionStage<?> stage, boolean captureOutputs) {
    event.detach();
    TracerRuntime runtime = event.session().runtime();
    try {
      stage.whenComplete((value, failure) -> {
        try {
          if (failure != null) {
            event.recordError(unwrap(failure));
          } else if (captureOutputs) {
            event.recordReturn(value);
          }
        } catch (Throwable ours) {
          runtime.internalError("completion of a traced call", ours);
        }
        try {
          event.end();
        } catch (Throwable ours) {
          runtime.internalError("completion of a traced call", ours);
        }
      });
    } catch (Throwable ours) {
      // A stage that refuses callbacks: end now rather than hold the session open forever.
      runtime.internalError("completion of a traced call", ours);
      event.end();
    }
  }

  /** The failure a dependent stage reports wraps the original; record the original. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
