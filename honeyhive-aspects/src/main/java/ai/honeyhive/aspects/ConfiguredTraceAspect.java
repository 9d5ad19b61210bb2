package ai.honeyhive.aspects;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.internal.ConfiguredMethods;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/**
 * Traces methods that carry no annotation, chosen by configuration: the load-time agent
 * concretizes this aspect once per configured method (a {@code <concrete-aspect>} in the
 * {@code aop.xml} it generates), defining {@link #tracedMethods()}, and registers the event type
 * and name in {@link ConfiguredMethods} under the concrete aspect's class name.
 *
 * <p>A method that also carries one of the annotations is traced by {@link TraceAspect} only,
 * so it never yields two events per call.
 */
@Aspect
public abstract class ConfiguredTraceAspect {
  private volatile ConfiguredMethods.Target target;

  /** The executions this aspect traces; defined by each concrete aspect. */
  @Pointcut
  public abstract void tracedMethods();

  @Pointcut("if()")
  public static boolean tracingActive() {
    return HoneyHive.isTracingActive();
  }

  @Around("tracedMethods() && execution(* *(..))"
      + " && !execution(@ai.honeyhive.annotations.TraceChain * *(..))"
      + " && !execution(@ai.honeyhive.annotations.TraceTool * *(..))"
      + " && !execution(@ai.honeyhive.annotations.TraceModel * *(..))"
      + " && tracingActive()")
  public Object traceConfigured(ProceedingJoinPoint pjp) throws Throwable {
    ConfiguredMethods.Target t = target;
    if (t == null) {
      // looked up on first use, not in the constructor: the aspect may initialize before the
      // agent (or a test) registers it
      t = ConfiguredMethods.lookup(getClass().getName());
      target = t;
    }
    return TracedMethodCall.proceed(pjp, t.type(), t.eventName(), true, true, null, null);
  }
}
