package ai.honeyhive.spring.internal;

import java.lang.reflect.Method;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.aop.support.AopUtils;

/**
 * Proxies Spring beans whose methods carry {@code @TraceChain}, {@code @TraceTool} or
 * {@code @TraceModel}, unless AspectJ already wove the class (it then traces itself: one event per
 * call, not two). Decided once per bean class when the proxy is made, so calls pay nothing for it.
 * Not public API.
 */
public final class TraceAnnotationAdvisor extends StaticMethodMatcherPointcutAdvisor {
  private static final long serialVersionUID = 1L;

  public TraceAnnotationAdvisor() {
    super(new TracedMethodInterceptor());
  }

  @Override
  public boolean matches(Method method, Class<?> targetClass) {
    try {
      if (targetClass != null && TracedMethods.isWoven(targetClass)) {
        return false;
      }
      Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
      return TracedMethods.isAnnotated(specific);
    } catch (RuntimeException | LinkageError e) {   // an odd bean class: leave it unproxied rather than fail start-up
      return false;
    }
  }
}
