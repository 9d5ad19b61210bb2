package ai.honeyhive.aspects;

import ai.honeyhive.annotations.Redact;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.concurrent.CompletionStage;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * What a woven method's signature tells the aspect, read when its {@link AnnotatedMethod} is
 * worked out (once per method): its name, its parameter names, which parameters are
 * {@link Redact}ed (null if none) and whether it returns anything.
 *
 * <p>Parameter names come from the join point's signature (which AspectJ fills from the class
 * file's debug information), else from {@code -parameters} metadata via reflection, else
 * {@code arg0}, {@code arg1}, ... in declaration order.
 */
record TracedMethod(String name, String[] parameterNames, boolean[] redacted, boolean returnsVoid,
    boolean mayReturnStage) {
  static TracedMethod of(JoinPoint.StaticPart staticPart) {
    MethodSignature signature = (MethodSignature) staticPart.getSignature();
    Class<?> returns = signature.getReturnType();
    return new TracedMethod(signature.getName(), parameterNames(signature), redacted(signature),
        returns == void.class, mayHoldStage(returns));
  }

  /**
   * Whether a value of the declared return type {@code t} may be a {@link CompletionStage}: not a
   * primitive, nor an array, nor a final class that is not one ({@code String}, a record). Asked
   * once per method, so the exit of most calls skips the check on the returned value (an
   * interface check that misses scans the value's class's interfaces on every call).
   */
  static boolean mayHoldStage(Class<?> t) {
    if (t == null) {
      return true;
    }
    if (t.isPrimitive() || t.isArray()) {
      return false;
    }
    return t.isInterface() || !Modifier.isFinal(t.getModifiers()) || CompletionStage.class.isAssignableFrom(t);
  }

  static boolean[] redacted(MethodSignature signature) {
    Method method = signature.getMethod();
    if (method == null) {
      return null;
    }
    Annotation[][] annotations = method.getParameterAnnotations();
    boolean[] result = null;
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation a : annotations[i]) {
        if (a instanceof Redact) {
          if (result == null) {
            result = new boolean[annotations.length];
          }
          result[i] = true;
        }
      }
    }
    return result;
  }

  static String[] parameterNames(MethodSignature signature) {
    String[] names = signature.getParameterNames();
    int count = signature.getParameterTypes().length;
    if (names != null && names.length == count && allPresent(names)) {
      return names.clone();
    }
    String[] result = new String[count];
    Method method = signature.getMethod();
    Parameter[] params = method == null ? null : method.getParameters();
    for (int i = 0; i < count; i++) {
      result[i] = params != null && params[i].isNamePresent() ? params[i].getName() : "arg" + i;
    }
    return result;
  }

  private static boolean allPresent(String[] names) {
    for (String n : names) {
      if (n == null || n.isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
