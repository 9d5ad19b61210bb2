package ai.honeyhive.aspects;

import ai.honeyhive.internal.ConfiguredMethods;
import ai.honeyhive.internal.GlobalTracing;
import ai.honeyhive.internal.TraceContext;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.annotation.AfterReturning;
import org.aspectj.lang.annotation.AfterThrowing;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Before;
import org.aspectj.lang.annotation.Pointcut;

/**
 * Traces methods that carry no annotation, chosen by configuration: the load-time agent
 * concretizes this aspect once per configured method (a {@code <concrete-aspect>} in the
 * {@code aop.xml} it generates), defining {@link #tracedMethods()}, and registers the event type
 * and name in {@link ConfiguredMethods} under the concrete aspect's class name.
 *
 * <p>The advice is {@link TraceAspect}'s, with inputs and outputs always captured. A method that
 * also carries one of the annotations is traced by {@link TraceAspect} only, so it never yields
 * two events per call.
 */
@Aspect
public abstract class ConfiguredTraceAspect {
  private volatile ConfiguredMethods.Target target;
  /** This aspect's description of each method it traces (one, unless its pattern matches several). */
  private final StaticPartCache<AnnotatedMethod> described = new StaticPartCache<>();

  /** The executions this aspect traces; defined by each concrete aspect. */
  @Pointcut
  public abstract void tracedMethods();

  @Pointcut("tracedMethods() && execution(* *(..))"
      + " && !execution(@ai.honeyhive.annotations.TraceChain * *(..))"
      + " && !execution(@ai.honeyhive.annotations.TraceTool * *(..))"
      + " && !execution(@ai.honeyhive.annotations.TraceModel * *(..))")
  public void configuredExecution() {}

  @Pointcut("if()")
  public static boolean tracingActive() {
    return GlobalTracing.recordsHere();
  }

  /**
   * Whether an event may be open on this thread: if not, there is nothing to end. The exit
   * advice asks this thread (a thread-local lookup): it binds the return value, which AspectJ
   * boxes for a method returning a primitive once the test passes.
   */
  @Pointcut("if()")
  public static boolean inTrace() {
    return TraceContext.inTrace();
  }

  /**
   * Whether any thread may be in a trace: one field read, false in a process where no trace was
   * ever current. For the entry advice, which binds nothing and looks up this thread's context
   * itself: asking {@link #inTrace()} first would be a second lookup on every nested traced call.
   */
  @Pointcut("if()")
  public static boolean mayBeInTrace() {
    return TraceContext.mayBeInTrace();
  }

  /** Runs before {@link #startConfigured}, declared first: see {@link TraceAspect} on entry advice. */
  @Before("configuredExecution() && mayBeInTrace()")
  public void enterConfigured() {
    TracedMethodCall.entered();
  }

  @Before("configuredExecution() && tracingActive()")
  public void startConfigured(JoinPoint jp) {
    ConfiguredMethods.Target t = target;
    if (t == null) {
      // looked up on first use, not in the constructor: the aspect may initialize before the
      // agent (or a test) registers it
      t = ConfiguredMethods.lookup(getClass().getName());
      target = t;
    }
    JoinPoint.StaticPart origin = jp.getStaticPart();
    AnnotatedMethod m = described.getIfPresent(origin);
    if (m == null) {
      ConfiguredMethods.Target chosen = t;
      m = described.get(origin, o -> AnnotatedMethod.configured(o, chosen.type(), chosen.eventName()));
    }
    TracedMethodCall.start(jp, m);
  }

  // As TraceAspect's exits: a primitive return value is boxed only on a thread in a trace.
  @AfterReturning(pointcut = "configuredExecution() && execution(!(boolean || byte || char || short || int || long || float || double) *(..)) && mayBeInTrace()", returning = "result")
  public void returnedConfigured(JoinPoint.StaticPart jp, Object result) {
    TracedMethodCall.returned(jp, result);
  }

  @AfterReturning(pointcut = "configuredExecution() && execution((boolean || byte || char || short || int || long || float || double) *(..)) && inTrace()", returning = "result")
  public void returnedConfiguredPrimitive(JoinPoint.StaticPart jp, Object result) {
    TracedMethodCall.returned(jp, result);
  }

  @AfterThrowing(pointcut = "configuredExecution() && mayBeInTrace()", throwing = "error")
  public void threwConfigured(JoinPoint.StaticPart jp, Throwable error) {
    TracedMethodCall.threw(jp, error);
  }
}
