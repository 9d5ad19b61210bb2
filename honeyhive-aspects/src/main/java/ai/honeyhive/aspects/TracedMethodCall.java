package ai.honeyhive.aspects;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.internal.ActiveEvent;
import ai.honeyhive.internal.TracerRuntime;
import ai.honeyhive.internal.ValueCapture;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.transport.model.EventType;
import org.aspectj.lang.ProceedingJoinPoint;

/**
 * Turns one woven method execution into one event: start it with the arguments as inputs,
 * proceed, record the return value or the exception, end it. The method's own outcome is never
 * changed: anything the library throws is contained before or after {@code proceed()}, never
 * around it.
 */
final class TracedMethodCall {
  private TracedMethodCall() {}

  static Object proceed(ProceedingJoinPoint pjp, EventType type, String name, boolean captureInputs,
      boolean captureOutputs, String model, String provider) throws Throwable {
    Tracer tracer = HoneyHive.tracer();
    TracerRuntime runtime = TracerRuntimes.of(tracer);
    ActiveEvent event = null;
    TracedMethod method = null;
    try {
      method = TracedMethod.of(pjp.getStaticPart());
      event = runtime.begin(type, name.isEmpty() ? method.name() : name);
      if (captureInputs) {
        Object[] args = pjp.getArgs();
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

    Object result;
    try {
      result = pjp.proceed();
    } catch (Throwable thrown) {
      if (event != null) {
        try {
          event.recordError(thrown);
          event.end();
        } catch (Throwable ours) {
          runtime.internalError("end of a traced call", ours);
        }
      }
      throw thrown;
    }

    if (event != null) {
      try {
        if (captureOutputs && !method.returnsVoid()) {
          event.setOutput(result);
        }
        event.end();
      } catch (Throwable ours) {
        runtime.internalError("end of a traced call", ours);
      }
    }
    return result;
  }
}
