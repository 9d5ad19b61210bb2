package ai.honeyhive.aspects;

import ai.honeyhive.internal.ActiveEvent;
import ai.honeyhive.internal.AdviceEntries;
import ai.honeyhive.internal.AsyncCompletion;
import ai.honeyhive.internal.TracerRuntime;
import ai.honeyhive.internal.GlobalTracing;
import ai.honeyhive.internal.ValueCapture;
import ai.honeyhive.transport.model.EventType;
import java.util.concurrent.CompletionStage;
import java.lang.annotation.Annotation;
import org.aspectj.lang.JoinPoint;

/**
 * Turns one woven method execution into one event: {@link #start} it with the arguments as inputs
 * on entry; on exit, {@link #returned} records the return value or {@link #threw} the exception,
 * and ends it. The method's own outcome is never changed: nothing here throws.
 *
 * <p>A method that returns a {@link CompletionStage} (a {@code CompletableFuture}, say) has not
 * finished its work when it returns: its event stays open, no longer current on the caller's
 * thread, and ends when the stage completes. The caller gets the same stage object.
 */
final class TracedMethodCall {
  private TracedMethodCall() {}

  /**
   * Starts the event of a call of a method carrying {@code annotation}, of kind {@code type}. What
   * the annotation asks for is read once per method ({@link AnnotatedMethod}): an annotation's
   * members are reflective proxy calls, too slow to make on every traced call.
   */
  static void start(JoinPoint jp, EventType type, Annotation annotation) {
    AnnotatedMethod m;
    try {
      m = AnnotatedMethod.of(jp.getStaticPart(), type, annotation);
    } catch (Throwable ours) {
      contain(ours);
      return;
    }
    start(jp, type, m.eventName(), m.captureInputs(), m.model(), m.provider());
  }

  /** The arguments of a method that takes none. */
  static final Object[] NO_ARGS = {};

  /**
   * As {@link #start(JoinPoint, EventType, Annotation)}, with the arguments bound by the advice
   * (a fresh array, ours to overwrite) instead of read from a join point object.
   */
  static void start(JoinPoint.StaticPart origin, EventType type, Annotation annotation, Object[] args) {
    AnnotatedMethod m;
    try {
      m = AnnotatedMethod.of(origin, type, annotation);
    } catch (Throwable ours) {
      contain(ours);
      return;
    }
    start(origin, null, args, type, m.eventName(), m.captureInputs(), m.model(), m.provider());
  }

  /** Records the return value of a call started by {@link #start(JoinPoint, EventType, Annotation)} and ends its event. */
  static void returned(JoinPoint.StaticPart origin, EventType type, Annotation annotation, Object result) {
    boolean captureOutputs;
    try {
      captureOutputs = AnnotatedMethod.of(origin, type, annotation).captureOutputs();
    } catch (Throwable ours) {
      contain(ours);
      captureOutputs = false;
    }
    returned(origin, captureOutputs, result);
  }

  /** A woven call is entered while this thread is in a trace, before its start advice (if any) runs. */
  static void entered() {
    try {
      AdviceEntries.entered();
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  static void start(JoinPoint jp, EventType type, String name, boolean captureInputs, String model,
      String provider) {
    JoinPoint.StaticPart origin;
    try {
      origin = jp.getStaticPart();
    } catch (Throwable ours) {
      contain(ours);
      return;
    }
    start(origin, jp, null, type, name, captureInputs, model, provider);
  }

  /** The arguments come bound in {@code bound}, or else from {@code jp}. */
  private static void start(JoinPoint.StaticPart origin, JoinPoint jp, Object[] bound, EventType type,
      String name, boolean captureInputs, String model, String provider) {
    TracerRuntime runtime = GlobalTracing.runtime();
    try {
      TracedMethod method = TracedMethod.of(origin);
      ActiveEvent event = runtime.begin(type, name.isEmpty() ? method.name() : name, origin);
      AdviceEntries.started(event);
      if (captureInputs) {
        // the advice's fresh array, or the join point's own copy: either is ours to overwrite
        Object[] args = bound != null ? bound : jp.getArgs();
        String[] names = method.parameterNames();
        for (int i = 0; i < args.length; i++) {
          if (method.isRedacted(i)) {
            args[i] = ValueCapture.REDACTED;
          }
        }
        if (names.length == args.length) {
          event.recordInputs(names, args);
        } else {
          for (int i = 0; i < args.length; i++) {
            event.setInput(i < names.length ? names[i] : "arg" + i, args[i]);
          }
        }
      }
      boolean hasModel = model != null && !model.isEmpty();
      boolean hasProvider = provider != null && !provider.isEmpty();
      if (hasModel && hasProvider) {
        event.recordModel(model, provider);
      } else if (hasModel) {
        event.setConfig("model", model);
      } else if (hasProvider) {
        event.setConfig("provider", provider);
      }
    } catch (Throwable ours) {
      runtime.internalError("start of a traced call", ours);
    }
  }

  static void returned(JoinPoint.StaticPart origin, boolean captureOutputs, Object result) {
    try {
      ActiveEvent event = AdviceEntries.toEnd(origin);
      if (event == null) {
        return;   // this call started no event: tracing was off when it started, or starting failed
      }
      if (result instanceof CompletionStage<?> stage) {
        AsyncCompletion.endWhenComplete(event, stage, captureOutputs);
        return;
      }
      if (captureOutputs && !TracedMethod.of(origin).returnsVoid()) {
        event.recordReturn(result);
      }
      event.end();
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
