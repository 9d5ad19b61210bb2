package ai.honeyhive.aspects;

import ai.honeyhive.internal.ActiveEvent;
import ai.honeyhive.internal.AdviceEntries;
import ai.honeyhive.internal.AsyncCompletion;
import ai.honeyhive.internal.GlobalTracing;
import ai.honeyhive.internal.TracerRuntime;
import ai.honeyhive.internal.ValueCapture;
import ai.honeyhive.transport.model.EventType;
import java.lang.annotation.Annotation;
import java.util.concurrent.CompletionStage;
import org.aspectj.lang.JoinPoint;

/**
 * Turns one woven method execution into one event: {@link #start} it with the arguments as inputs
 * on entry; on exit, {@link #returned} records the return value or {@link #threw} the exception,
 * and ends it. The method's own outcome is never changed: nothing here throws.
 *
 * <p>The method's {@link AnnotatedMethod} is looked up once, at the start, and the event keeps it
 * as its origin: the exit finds the event by the join point and needs no lookup of its own.
 *
 * <p>A method that returns a {@link CompletionStage} (a {@code CompletableFuture}, say) has not
 * finished its work when it returns: its event stays open, no longer current on the caller's
 * thread, and ends when the stage completes. The caller gets the same stage object.
 */
final class TracedMethodCall {
  private TracedMethodCall() {}

  /** The arguments of a method that takes none. */
  static final Object[] NO_ARGS = {};

  /**
   * Starts the event of a call of a method carrying {@code annotation}, of kind {@code type}, its
   * arguments taken from the join point object (methods of four or more arguments).
   */
  static void start(JoinPoint jp, EventType type, Annotation annotation) {
    TracerRuntime runtime = GlobalTracing.runtime();
    try {
      start(runtime, AnnotatedMethod.of(jp.getStaticPart(), type, annotation), null, jp);
    } catch (Throwable ours) {
      runtime.internalError("start of a traced call", ours);
    }
  }

  /**
   * As {@link #start(JoinPoint, EventType, Annotation)}, with the arguments bound by the advice
   * (a fresh array, ours to overwrite) instead of read from a join point object.
   */
  static void start(JoinPoint.StaticPart origin, EventType type, Annotation annotation, Object[] args) {
    TracerRuntime runtime = GlobalTracing.runtime();
    try {
      start(runtime, AnnotatedMethod.of(origin, type, annotation), args, null);
    } catch (Throwable ours) {
      runtime.internalError("start of a traced call", ours);
    }
  }

  /** Starts the event of a call of a method traced by configuration, described by {@code method}. */
  static void start(JoinPoint jp, AnnotatedMethod method) {
    TracerRuntime runtime = GlobalTracing.runtime();
    try {
      start(runtime, method, null, jp);
    } catch (Throwable ours) {
      runtime.internalError("start of a traced call", ours);
    }
  }

  /** A woven call is entered while this thread is in a trace, before its start advice (if any) runs. */
  static void entered() {
    try {
      AdviceEntries.entered();
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  /**
   * The arguments come bound in {@code bound}, or else from {@code jp}. They are recorded, with
   * the model the annotation names, as the event starts (see {@link TracerRuntime#begin}), or one
   * by one after if their names cannot be recorded as they are.
   */
  private static void start(TracerRuntime runtime, AnnotatedMethod m, Object[] bound, JoinPoint jp) {
    Object[] args = null;
    if (m.captureInputs()) {
      // the advice's fresh array, or the join point's own copy: either is ours to overwrite
      args = bound != null ? bound : jp.getArgs();
      boolean[] redacted = m.redacted();
      if (redacted != null) {
        for (int i = 0; i < args.length && i < redacted.length; i++) {
          if (redacted[i]) {
            args[i] = ValueCapture.REDACTED;
          }
        }
      }
    }
    String[] batchable = m.inputNames();
    boolean batched = args != null && batchable != null && batchable.length == args.length;
    ActiveEvent event = runtime.begin(m.type(), m.eventName(), m, batched ? args : null);
    if (event == null) {
      return;   // no new session while shutting down: its exit finds no event of its own and ends nothing
    }
    AdviceEntries.started(event);
    if (args != null && !batched) {
      String[] names = m.parameterNames();
      for (int i = 0; i < args.length; i++) {
        event.setInput(i < names.length ? names[i] : "arg" + i, args[i]);
      }
    }
  }

  /** Records the return value of the call of {@code origin} that is exiting, and ends its event. */
  static void returned(JoinPoint.StaticPart origin, Object result) {
    try {
      ActiveEvent event = AdviceEntries.toEnd(origin);
      if (event == null) {
        return;   // this call started no event: tracing was off when it started, or starting failed
      }
      AnnotatedMethod m = event.origin() instanceof AnnotatedMethod a ? a : null;
      boolean captureOutputs = m != null && m.captureOutputs();
      if ((m == null || m.mayReturnStage()) && result instanceof CompletionStage<?> stage) {
        AsyncCompletion.endWhenComplete(event, stage, captureOutputs);
        return;
      }
      if (captureOutputs) {
        event.endReturning(result);
      } else {
        event.end();
      }
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  static void threw(JoinPoint.StaticPart origin, Throwable thrown) {
    try {
      ActiveEvent event = AdviceEntries.toEnd(origin);
      if (event != null) {
        event.recordError(thrown);
        event.end();
      }
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  private static void contain(Throwable ours) {
    try {
      GlobalTracing.runtime().internalError("end of a traced call", ours);
    } catch (Throwable ignored) {
      // nothing left to report it with; the traced method's outcome stays untouched
    }
  }
}
