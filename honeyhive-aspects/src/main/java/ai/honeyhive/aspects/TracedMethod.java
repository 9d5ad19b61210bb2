package ai.honeyhive.aspects;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * What the aspect needs to know about a woven method, worked out once per method: its name,
 * its parameter names and whether it returns anything.
 *
 * <p>Parameter names come from the join point's signature (which AspectJ fills from the class
 * file's debug information), else from {@code -parameters} metadata via reflection, else
 * {@code arg0}, {@code arg1}, ... in declaration order.
 */
record TracedMethod(String name, String[] parameterNames, boolean returnsVoid) {
  private static final ConcurrentHashMap<JoinPoint.StaticPart, TracedMethod> CACHE =
      new ConcurrentHashMap<>();

  static TracedMethod of(JoinPoint.StaticPart staticPart) {
    TracedMethod m = CACHE.get(staticPart);
    if (m == null) {
      m = CACHE.computeIfAbsent(staticPart, TracedMethod::describe);
    }
    return m;
  }

  private static TracedMethod describe(JoinPoint.StaticPart staticPart) {
    MethodSignature signature = (MethodSignature) staticPart.getSignature();
    return new TracedMethod(signature.getName(), parameterNames(signature),
        signature.getReturnType() == void.class);
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
