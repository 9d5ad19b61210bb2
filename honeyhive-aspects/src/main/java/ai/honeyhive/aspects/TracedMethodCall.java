package ai.honeyhive.aspects;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.internal.ActiveEvent;
import ai.honeyhive.internal.AsyncCompletion;
import ai.honeyhive.internal.TracerRuntime;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.internal.ValueCapture;
import ai.honeyhive.transport.model.EventType;
import java.util.concurrent.CompletionStage;
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

  static void start(JoinPoint jp, EventType type, String name, boolean captureInputs, String model,
      String provider) {
    TracerRuntime runtime = TracerRuntimes.of(HoneyHive.tracer());
    try {
      JoinPoint.StaticPart origin = jp.getStaticPart();
      TracedMethod method = TracedMethod.of(origin);
      ActiveEvent event = runtime.begin(type, name.isEmpty() ? method.name() : name, origin);
      if (captureInputs) {
        Object[] args = jp.getArgs();
        String[] names = method.parameterNames();
        for (int i = 0; i < args.length; i++) {
          event.setInput(i < names.length ? names[i] : "arg" + i,
              method.isRedacted(i) ? ValueCapture.REDACTED : args[i]);
        }
      }
      if (model != null && !model.isEmpty()) {
        event.setConfig("model", model);
      }
      if (provider != null && !provider.isEmpty()) {
        event.setConfig("provider", provider);
      }
    } catch (Throwable ours) {
      runtime.internalError("start of a traced call", ours);
    }
  }

  static void returned(JoinPoint.StaticPart origin, boolean captureOutputs, Object result) {
    try {
      ActiveEvent event = ActiveEvent.innermostStartedHereBy(origin);
      if (event == null) {
        return;   // tracing was off when the method started, or starting its event failed
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
      ActiveEvent event = ActiveEvent.innermostStartedHereBy(origin);
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
      TracerRuntimes.of(HoneyHive.tracer()).internalError("end of a traced call", ours);
    } catch (Throwable ignored) {
      // nothing left to report it with; the traced method's outcome stays untouched
    }
  }
}
