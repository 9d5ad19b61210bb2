package ai.honeyhive.spring.internal;

import ai.honeyhive.Span;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

/**
 * One event per call of an annotated bean method, through the core tracer: inputs by parameter
 * name, the value returned as outputs, an exception recorded and rethrown unchanged, a
 * {@link CompletionStage} ended when it completes. Not public API.
 */
final class TracedMethodInterceptor implements MethodInterceptor {
  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    TracedMethods m = null;
    Map<String, Object> inputs = Map.of();
    try {
      if (TracerBridge.tracer().isEnabled()) {   // switched off: no lookup, no inputs map
        Object target = invocation.getThis();
        Method method = target == null ? invocation.getMethod()
            : AopUtils.getMostSpecificMethod(invocation.getMethod(), target.getClass());
        m = TracedMethods.of(method);
        if (m != null && m.captureInputs()) {
          inputs = inputs(m, invocation.getArguments());
        }
      }
    } catch (RuntimeException | LinkageError ours) {   // never our failure in the caller's face
      m = null;
    }
    if (m == null) {
      return invocation.proceed();   // outside the try: the method's own exceptions are not ours
    }
    TracedMethods traced = m;
    if (traced.captureOutputs()) {
      return TracerBridge.trace(traced.kind(), traced.name(), inputs, span -> {
        configure(span, traced);
        return invocation.proceed();
      });
    }
    return withoutOutputs(traced, inputs, invocation);
  }

  private static Object withoutOutputs(TracedMethods m, Map<String, Object> inputs, MethodInvocation invocation)
      throws Throwable {
    Span span = TracerBridge.startSpan(m.kind(), m.name());
    Object result;
    try {
      span.setInputs(inputs);
      configure(span, m);
      result = invocation.proceed();
    } catch (Throwable t) {
      span.recordError(t);
      span.end();
      throw t;
    }
    if (result instanceof CompletionStage<?> stage) {
      Span detached = span;
      stage.whenComplete((v, err) -> {
        if (err != null) {
          detached.recordError(err);
        }
        detached.end();
      });
    } else {
      span.end();
    }
    return result;
  }

  private static void configure(Span span, TracedMethods m) {
    if (m.model() != null) {
      span.setConfig("model", m.model());
    }
    if (m.provider() != null) {
      span.setConfig("provider", m.provider());
    }
  }

  private static Map<String, Object> inputs(TracedMethods m, Object[] args) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    String[] names = m.parameterNames();
    for (int i = 0; i < args.length; i++) {
      inputs.put(i < names.length ? names[i] : "arg" + i, m.isRedacted(i) ? TracedMethods.REDACTED : args[i]);
    }
    return inputs;
  }
}
