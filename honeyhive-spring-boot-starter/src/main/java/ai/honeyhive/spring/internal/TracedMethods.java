package ai.honeyhive.spring.internal;

import ai.honeyhive.SpanKind;
import ai.honeyhive.annotations.Redact;
import ai.honeyhive.internal.TraceAnnotation;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * What a {@code @TraceChain}/{@code @TraceTool}/{@code @TraceModel} bean method asks for, read
 * once per method (annotation members are reflective calls, too slow for every call), with the same
 * defaults as the woven aspects: the method's name, inputs by parameter name ({@link Redact}ed ones
 * masked), outputs unless the method returns nothing. Not public API.
 */
record TracedMethods(SpanKind kind, String name, String[] parameterNames, boolean[] redacted,
    boolean captureInputs, boolean captureOutputs, String model, String provider) {
  static final String REDACTED = "[redacted]";
  private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
  private static final Map<Method, TracedMethods> CACHE = new ConcurrentHashMap<>();
  private static final Map<Class<?>, Boolean> WOVEN = new ConcurrentHashMap<>();

  /** The traced description of {@code method} (as declared on the target class), or null if it carries no annotation. */
  static TracedMethods of(Method method) {
    TracedMethods known = CACHE.get(method);
    if (known != null) {
      return known;
    }
    TracedMethods d = describe(method);
    if (d != null) {
      CACHE.putIfAbsent(method, d);
    }
    return d;
  }

  static boolean isAnnotated(Method method) {
    return annotation(method) != null;
  }

  /**
   * Whether AspectJ has woven {@code type} (at compile time or through the agent): the weaver
   * leaves {@code ajc$} members in every class it advises, and such a class traces itself, so a
   * proxy must not trace it again.
   */
  static boolean isWoven(Class<?> type) {
    return WOVEN.computeIfAbsent(type, TracedMethods::hasWeaverMembers);
  }

  private static boolean hasWeaverMembers(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        for (Field f : c.getDeclaredFields()) {
          if (f.getName().startsWith("ajc$")) {
            return true;
          }
        }
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().contains("_aroundBody") || m.getName().startsWith("ajc$")) {
            return true;
          }
        }
      } catch (LinkageError | SecurityException e) {
        return false;
      }
    }
    return false;
  }

  private static Annotation annotation(Method method) {
    Annotation a = AnnotatedElementUtils.findMergedAnnotation(method, TraceChain.class);
    if (a == null) {
      a = AnnotatedElementUtils.findMergedAnnotation(method, TraceTool.class);
    }
    if (a == null) {
      a = AnnotatedElementUtils.findMergedAnnotation(method, TraceModel.class);
    }
    return a;
  }

  private static TracedMethods describe(Method method) {
    Annotation a = annotation(method);
    if (a == null) {
      return null;
    }
    TraceAnnotation t = TraceAnnotation.of(a);
    SpanKind kind = t.kind();
    String name = t.name();
    boolean inputs = t.captureInputs();
    boolean outputs = t.captureOutputs();
    String model = t.model();
    String provider = t.provider();
    String[] names = NAMES.getParameterNames(method);
    int count = method.getParameterCount();
    if (names == null || names.length != count) {
      names = new String[count];
      for (int i = 0; i < count; i++) {
        names[i] = "arg" + i;
      }
    }
    boolean[] redacted = null;
    Annotation[][] params = method.getParameterAnnotations();
    for (int i = 0; i < params.length; i++) {
      for (Annotation p : params[i]) {
        if (p instanceof Redact) {
          if (redacted == null) {
            redacted = new boolean[params.length];
          }
          redacted[i] = true;
        }
      }
    }
    return new TracedMethods(kind, name.isEmpty() ? method.getName() : name, names, redacted, inputs,
        outputs && method.getReturnType() != void.class, model, provider);
  }

  boolean isRedacted(int i) {
    return redacted != null && i < redacted.length && redacted[i];
  }
}
