package ai.honeyhive.aspects;

import ai.honeyhive.internal.TraceAnnotation;
import ai.honeyhive.transport.model.EventType;
import java.lang.annotation.Annotation;
import org.aspectj.lang.JoinPoint;

/**
 * A woven method together with what one of its annotations asks for (event name, what to
 * capture, model and provider), read once per method and kind: an annotation's members are
 * reflective proxy calls, too slow to make on every traced call.
 */
record AnnotatedMethod(TracedMethod method, String eventName, boolean captureInputs,
    boolean captureOutputs, String model, String provider) {
  private static final StaticPartCache<AnnotatedMethod> CHAINS = new StaticPartCache<>();
  private static final StaticPartCache<AnnotatedMethod> TOOLS = new StaticPartCache<>();
  private static final StaticPartCache<AnnotatedMethod> MODELS = new StaticPartCache<>();

  static AnnotatedMethod of(JoinPoint.StaticPart origin, EventType type, Annotation annotation) {
    StaticPartCache<AnnotatedMethod> cache =
        type == EventType.MODEL ? MODELS : type == EventType.TOOL ? TOOLS : CHAINS;
    AnnotatedMethod known = cache.getIfPresent(origin);
    // the lambda captures the annotation: made only on a miss, so a call allocates nothing
    return known != null ? known : cache.get(origin, o -> describe(o, annotation));
  }

  private static AnnotatedMethod describe(JoinPoint.StaticPart origin, Annotation a) {
    TracedMethod method = TracedMethod.of(origin);
    TraceAnnotation t = TraceAnnotation.of(a);
    String name = t == null ? "" : t.name();
    boolean inputs = t == null || t.captureInputs();
    boolean outputs = t == null || t.captureOutputs();
    String model = t == null ? null : t.model();
    String provider = t == null ? null : t.provider();
    return new AnnotatedMethod(method, name.isEmpty() ? method.name() : name, inputs,
        outputs && !method.returnsVoid(), model, provider);
  }
}
