package ai.honeyhive.aspects;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import ai.honeyhive.internal.GlobalTracing;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.model.EventType;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.annotation.AfterReturning;
import org.aspectj.lang.annotation.AfterThrowing;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Before;
import org.aspectj.lang.annotation.Pointcut;

/**
 * Traces the executions of methods annotated with {@link TraceChain}, {@link TraceTool} or
 * {@link TraceModel}. It only reads the annotation; {@link TracedMethodCall} does the rest.
 *
 * <p>Before and after advice, not around advice, so that tracing off costs a field read or two and
 * allocates nothing: AspectJ builds the join point object (with the boxed arguments) before any
 * {@code if()} test when a join point has around advice, but lazily, after the test, for before and
 * after advice. The before advice starts the event when tracing is on; the after advice ends the
 * event that this method's before advice started on this thread, if there is one, so switching
 * tracing on or off between the two leaves nothing open. The method's body runs unchanged between
 * them: its result and exceptions are never touched.
 *
 * <p>Each annotation has an entry advice, declared before its start advice so that it runs first:
 * while the thread is in a trace it counts the call on the enclosing event, and a start that
 * begins an event takes the count back. The after advice thus tells a call that started nothing
 * (tracing was off, or starting failed) from the enclosing call of the same method, and ends only
 * the event its own call started (see {@code AdviceEntries}). The entry advice takes nothing
 * from the join point, so tracing off still allocates nothing.
 *
 * <p>The start advice comes in one version per arity up to three arguments, which AspectJ binds
 * directly ({@code args(a, b)}) with only the static part of the join point: no join point
 * object, no argument array of AspectJ's and no copy of it per call (with AspectJ 1.9.21+ each
 * join point object also makes a {@code ThreadLocal}). Methods of four or more arguments take
 * them from the join point as before. The arity is in the signature pattern, so exactly one
 * start advice matches each method, and {@code args} with {@code Object} matches any argument
 * types, primitives boxed.
 */
@Aspect
public final class TraceAspect {

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

  @Before("execution(@ai.honeyhive.annotations.TraceChain * *(..)) && mayBeInTrace()")
  public void enterChain() {
    TracedMethodCall.entered();
  }

  @Before("execution(@ai.honeyhive.annotations.TraceChain * *()) && @annotation(trace) && tracingActive()")
  public void startChain(JoinPoint.StaticPart jp, TraceChain trace) {
    TracedMethodCall.start(jp, EventType.CHAIN, trace, TracedMethodCall.NO_ARGS);
  }

  @Before("execution(@ai.honeyhive.annotations.TraceChain * *(*)) && args(a) && @annotation(trace) && tracingActive()")
  public void startChain(JoinPoint.StaticPart jp, TraceChain trace, Object a) {
    TracedMethodCall.start(jp, EventType.CHAIN, trace, new Object[] {a});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceChain * *(*, *)) && args(a, b) && @annotation(trace) && tracingActive()")
  public void startChain(JoinPoint.StaticPart jp, TraceChain trace, Object a, Object b) {
    TracedMethodCall.start(jp, EventType.CHAIN, trace, new Object[] {a, b});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceChain * *(*, *, *)) && args(a, b, c) && @annotation(trace) && tracingActive()")
  public void startChain(JoinPoint.StaticPart jp, TraceChain trace, Object a, Object b, Object c) {
    TracedMethodCall.start(jp, EventType.CHAIN, trace, new Object[] {a, b, c});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceChain * *(*, *, *, *, ..)) && @annotation(trace) && tracingActive()")
  public void startChain(JoinPoint jp, TraceChain trace) {
    TracedMethodCall.start(jp, EventType.CHAIN, trace);
  }

  @Before("execution(@ai.honeyhive.annotations.TraceTool * *(..)) && mayBeInTrace()")
  public void enterTool() {
    TracedMethodCall.entered();
  }

  @Before("execution(@ai.honeyhive.annotations.TraceTool * *()) && @annotation(trace) && tracingActive()")
  public void startTool(JoinPoint.StaticPart jp, TraceTool trace) {
    TracedMethodCall.start(jp, EventType.TOOL, trace, TracedMethodCall.NO_ARGS);
  }

  @Before("execution(@ai.honeyhive.annotations.TraceTool * *(*)) && args(a) && @annotation(trace) && tracingActive()")
  public void startTool(JoinPoint.StaticPart jp, TraceTool trace, Object a) {
    TracedMethodCall.start(jp, EventType.TOOL, trace, new Object[] {a});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceTool * *(*, *)) && args(a, b) && @annotation(trace) && tracingActive()")
  public void startTool(JoinPoint.StaticPart jp, TraceTool trace, Object a, Object b) {
    TracedMethodCall.start(jp, EventType.TOOL, trace, new Object[] {a, b});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceTool * *(*, *, *)) && args(a, b, c) && @annotation(trace) && tracingActive()")
  public void startTool(JoinPoint.StaticPart jp, TraceTool trace, Object a, Object b, Object c) {
    TracedMethodCall.start(jp, EventType.TOOL, trace, new Object[] {a, b, c});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceTool * *(*, *, *, *, ..)) && @annotation(trace) && tracingActive()")
  public void startTool(JoinPoint jp, TraceTool trace) {
    TracedMethodCall.start(jp, EventType.TOOL, trace);
  }

  @Before("execution(@ai.honeyhive.annotations.TraceModel * *(..)) && mayBeInTrace()")
  public void enterModel() {
    TracedMethodCall.entered();
  }

  @Before("execution(@ai.honeyhive.annotations.TraceModel * *()) && @annotation(trace) && tracingActive()")
  public void startModel(JoinPoint.StaticPart jp, TraceModel trace) {
    TracedMethodCall.start(jp, EventType.MODEL, trace, TracedMethodCall.NO_ARGS);
  }

  @Before("execution(@ai.honeyhive.annotations.TraceModel * *(*)) && args(a) && @annotation(trace) && tracingActive()")
  public void startModel(JoinPoint.StaticPart jp, TraceModel trace, Object a) {
    TracedMethodCall.start(jp, EventType.MODEL, trace, new Object[] {a});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceModel * *(*, *)) && args(a, b) && @annotation(trace) && tracingActive()")
  public void startModel(JoinPoint.StaticPart jp, TraceModel trace, Object a, Object b) {
    TracedMethodCall.start(jp, EventType.MODEL, trace, new Object[] {a, b});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceModel * *(*, *, *)) && args(a, b, c) && @annotation(trace) && tracingActive()")
  public void startModel(JoinPoint.StaticPart jp, TraceModel trace, Object a, Object b, Object c) {
    TracedMethodCall.start(jp, EventType.MODEL, trace, new Object[] {a, b, c});
  }

  @Before("execution(@ai.honeyhive.annotations.TraceModel * *(*, *, *, *, ..)) && @annotation(trace) && tracingActive()")
  public void startModel(JoinPoint jp, TraceModel trace) {
    TracedMethodCall.start(jp, EventType.MODEL, trace);
  }

  // One set of after advice per annotation, so a method carrying two annotations ends both events.
  // The exit takes nothing but the join point: its event keeps what its start looked up. A method
  // returning a reference (or nothing) is ended after a one-field test, its advice looking up the
  // thread's context once; one returning a primitive is tested on the thread first (inTrace), as
  // AspectJ boxes the return value for the advice once the test passes, and tracing off must not
  // allocate. Each method's return type matches exactly one of the two, when it is woven.

  @AfterReturning(pointcut = "execution(@ai.honeyhive.annotations.TraceChain !(boolean || byte || char || short || int || long || float || double) *(..)) && mayBeInTrace()",
      returning = "result")
  public void returnedChain(JoinPoint.StaticPart jp, Object result) {
    TracedMethodCall.returned(jp, result);
  }

  @AfterReturning(pointcut = "execution(@ai.honeyhive.annotations.TraceChain (boolean || byte || char || short || int || long || float || double) *(..)) && inTrace()",
      returning = "result")
  public void returnedChainPrimitive(JoinPoint.StaticPart jp, Object result) {
    TracedMethodCall.returned(jp, result);
  }

  @AfterThrowing(pointcut = "execution(@ai.honeyhive.annotations.TraceChain * *(..)) && mayBeInTrace()",
      throwing = "error")
  public void threwChain(JoinPoint.StaticPart jp, Throwable error) {
    TracedMethodCall.threw(jp, error);
  }

  @AfterReturning(pointcut = "execution(@ai.honeyhive.annotations.TraceTool !(boolean || byte || char || short || int || long || float || double) *(..)) && mayBeInTrace()",
      returning = "result")
  public void returnedTool(JoinPoint.StaticPart jp, Object result) {
    TracedMethodCall.returned(jp, result);
  }

  @AfterReturning(pointcut = "execution(@ai.honeyhive.annotations.TraceTool (boolean || byte || char || short || int || long || float || double) *(..)) && inTrace()",
      returning = "result")
  public void returnedToolPrimitive(JoinPoint.StaticPart jp, Object result) {
    TracedMethodCall.returned(jp, result);
  }

  @AfterThrowing(pointcut = "execution(@ai.honeyhive.annotations.TraceTool * *(..)) && mayBeInTrace()",
      throwing = "error")
  public void threwTool(JoinPoint.StaticPart jp, Throwable error) {
    TracedMethodCall.threw(jp, error);
  }

  @AfterReturning(pointcut = "execution(@ai.honeyhive.annotations.TraceModel !(boolean || byte || char || short || int || long || float || double) *(..)) && mayBeInTrace()",
      returning = "result")
  public void returnedModel(JoinPoint.StaticPart jp, Object result) {
    TracedMethodCall.returned(jp, result);
  }

  @AfterReturning(pointcut = "execution(@ai.honeyhive.annotations.TraceModel (boolean || byte || char || short || int || long || float || double) *(..)) && inTrace()",
      returning = "result")
  public void returnedModelPrimitive(JoinPoint.StaticPart jp, Object result) {
    TracedMethodCall.returned(jp, result);
  }

  @AfterThrowing(pointcut = "execution(@ai.honeyhive.annotations.TraceModel * *(..)) && mayBeInTrace()",
      throwing = "error")
  public void threwModel(JoinPoint.StaticPart jp, Throwable error) {
    TracedMethodCall.threw(jp, error);
  }
}
