package ai.honeyhive.aspects;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import ai.honeyhive.transport.model.EventType;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/**
 * Traces the executions of methods annotated with {@link TraceChain}, {@link TraceTool} or
 * {@link TraceModel}. It only reads the annotation; {@link TracedMethodCall} does the rest.
 *
 * <p>The {@code if()} test runs before AspectJ builds a join point object, so with tracing off a
 * woven call costs a static check and allocates nothing.
 */
@Aspect
public final class TraceAspect {

  @Pointcut("if()")
  public static boolean tracingActive() {
    return HoneyHive.isTracingActive();
  }

  @Around("execution(@ai.honeyhive.annotations.TraceChain * *(..)) && @annotation(trace) && tracingActive()")
  public Object traceChain(ProceedingJoinPoint pjp, TraceChain trace) throws Throwable {
    return TracedMethodCall.proceed(pjp, EventType.CHAIN, trace.name(), trace.captureInputs(),
        trace.captureOutputs(), null, null);
  }

  @Around("execution(@ai.honeyhive.annotations.TraceTool * *(..)) && @annotation(trace) && tracingActive()")
  public Object traceTool(ProceedingJoinPoint pjp, TraceTool trace) throws Throwable {
    return TracedMethodCall.proceed(pjp, EventType.TOOL, trace.name(), trace.captureInputs(),
        trace.captureOutputs(), null, null);
  }

  @Around("execution(@ai.honeyhive.annotations.TraceModel * *(..)) && @annotation(trace) && tracingActive()")
  public Object traceModel(ProceedingJoinPoint pjp, TraceModel trace) throws Throwable {
    return TracedMethodCall.proceed(pjp, EventType.MODEL, trace.name(), trace.captureInputs(),
        trace.captureOutputs(), trace.model(), trace.provider());
  }
}
