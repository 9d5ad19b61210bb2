package ai.honeyhive.aspects;

import ai.honeyhive.internal.ActiveEvent;
import ai.honeyhive.internal.AdviceEntries;
import ai.honeyhive.internal.TraceAnnotation;
import ai.honeyhive.transport.model.EventType;
import java.lang.annotation.Annotation;
import java.lang.ref.WeakReference;
import java.util.concurrent.ThreadLocalRandom;
import org.aspectj.lang.JoinPoint;

/**
 * Everything the advice needs about a woven method and what its annotation (or configuration)
 * asks for, worked out once per method and kind: the event's type and name, its parameter names
 * and which are {@link ai.honeyhive.annotations.Redact}ed, what to capture, the model and provider.
 * An annotation's members are reflective proxy calls, too slow to make on every traced call.
 *
 * <p>It is looked up once per call, by the start advice, and the event keeps it as its
 * {@linkplain AdviceEntries.Origin origin}: the exit advice finds its event by the join point
 * alone and reads what it needs from here, with no second lookup.
 *
 * @param redacted which parameters are redacted; null if none
 * @param inputNames the parameter names if the arguments can be recorded as a batch when the
 *     event starts ({@link ActiveEvent#namesReady}), else null: recorded one by one
 * @param configNames {@code model} and {@code provider}, those of them the annotation names; null if neither
 * @param configValues their values
 * @param mayReturnStage whether its return type may hold a {@code CompletionStage} (see {@link TracedMethod#mayHoldStage})
 * @param nameReady whether {@code eventName} is sent as it is (see {@link AdviceEntries.Origin#nameReady})
 */
record AnnotatedMethod(JoinPoint.StaticPart joinPoint, EventType type, String eventName,
    String[] parameterNames, boolean[] redacted, boolean captureInputs, boolean captureOutputs,
    String[] inputNames, String[] configNames, Object[] configValues, boolean mayReturnStage,
    boolean nameReady) implements AdviceEntries.Origin {
  private static final StaticPartCache<AnnotatedMethod> CHAINS = new StaticPartCache<>();
  private static final StaticPartCache<AnnotatedMethod> TOOLS = new StaticPartCache<>();
  private static final StaticPartCache<AnnotatedMethod> MODELS = new StaticPartCache<>();

  /**
   * Descriptors looked up lately, by the join point's identity hash: one array read, a weak
   * reference's read and two compares, where the caches above take a {@code ClassValue}'s several
   * dependent reads and a hash-map lookup on every traced call. Held weakly, as the descriptor
   * refers to its join point and so to its class: the caches above, which hang off that class,
   * keep it alive as long as the class lives. Written without a lock (a race only makes one
   * lookup go the long way); a slot taken is replaced on one miss in 64, so two methods sharing
   * one do not allocate on every call.
   */
  @SuppressWarnings("unchecked")
  private static final WeakReference<AnnotatedMethod>[] RECENT = new WeakReference[256];

  static AnnotatedMethod of(JoinPoint.StaticPart origin, EventType type, Annotation annotation) {
    int slot = System.identityHashCode(origin) & (RECENT.length - 1);
    WeakReference<AnnotatedMethod> recent = RECENT[slot];
    AnnotatedMethod m = recent == null ? null : recent.get();
    if (m != null && m.joinPoint == origin && m.type == type) {
      return m;
    }
    StaticPartCache<AnnotatedMethod> cache =
        type == EventType.MODEL ? MODELS : type == EventType.TOOL ? TOOLS : CHAINS;
    AnnotatedMethod known = cache.getIfPresent(origin);
    if (known == null) {
      // the lambda captures the annotation: made only on a miss, so a call allocates nothing
      known = cache.get(origin, o -> annotated(o, type, annotation));
    }
    if (m == null || (ThreadLocalRandom.current().nextInt() & 63) == 0) {
      RECENT[slot] = new WeakReference<>(known);
    }
    return known;
  }

  private static AnnotatedMethod annotated(JoinPoint.StaticPart origin, EventType type, Annotation a) {
    TraceAnnotation t = TraceAnnotation.of(a);
    String name = t == null ? "" : t.name();
    boolean inputs = t == null || t.captureInputs();
    boolean outputs = t == null || t.captureOutputs();
    String model = t == null ? null : t.model();
    String provider = t == null ? null : t.provider();
    return describe(origin, type, name, inputs, outputs, model, provider);
  }

  /** A method traced by configuration: inputs and outputs captured, no model. */
  static AnnotatedMethod configured(JoinPoint.StaticPart origin, EventType type, String eventName) {
    return describe(origin, type, eventName == null ? "" : eventName, true, true, null, null);
  }

  private static AnnotatedMethod describe(JoinPoint.StaticPart origin, EventType type, String name,
      boolean inputs, boolean outputs, String model, String provider) {
    TracedMethod method = TracedMethod.of(origin);
    String[] names = method.parameterNames();
    boolean hasModel = model != null && !model.isEmpty();
    boolean hasProvider = provider != null && !provider.isEmpty();
    String[] configNames = null;
    Object[] configValues = null;
    if (hasModel && hasProvider) {
      configNames = new String[] {"model", "provider"};
      configValues = new Object[] {model, provider};
    } else if (hasModel || hasProvider) {
      configNames = new String[] {hasModel ? "model" : "provider"};
      configValues = new Object[] {hasModel ? model : provider};
    }
    String eventName = name.isEmpty() ? method.name() : name;
    return new AnnotatedMethod(origin, type, eventName, names,
        method.redacted(), inputs, outputs && !method.returnsVoid(),
        ActiveEvent.namesReady(names) ? names : null, configNames, configValues, method.mayReturnStage(),
        ActiveEvent.namesReady(new String[] {eventName}));
  }

  /** The join point, as AspectJ prints it: {@code execution(<return type> <class>.<method>(<parameters>))}. */
  @Override
  public String toString() {
    return String.valueOf(joinPoint);
  }
}
