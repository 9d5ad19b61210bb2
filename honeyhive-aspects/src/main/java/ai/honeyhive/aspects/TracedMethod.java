package ai.honeyhive.aspects;

import ai.honeyhive.annotations.Redact;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
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
record TracedMethod(String name, String[] parameterNames, boolean[] redacted, boolean returnsVoid) {
  static TracedMethod of(JoinPoint.StaticPart staticPart) {
    MethodSignature signature = (MethodSignature) staticPart.getSignature();
    return new TracedMethod(signature.getName(), parameterNames(signature), redacted(signature),
        signature.getReturnType() == void.class);
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
