package ai.honeyhive.spring.internal;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Outgoing propagation on Spring Boot 3.5, whose customizer interfaces have other names than Boot
 * 4's ({@code org.springframework.boot.web.client.RestClientCustomizer}, ...) that this module is
 * not compiled against: the builders Boot makes are adjusted as beans instead. {@code RestClient.Builder}
 * and {@code WebClient.Builder} are Spring Framework types, the same in both; Boot 3's
 * {@code RestTemplateBuilder} is reached by name. Registered only where Boot 4's customizers are
 * absent, so a client never gets the hook twice. Not public API.
 */
public final class Boot3ClientPropagation implements BeanPostProcessor {
  static final String BOOT3_REST_TEMPLATE_BUILDER = "org.springframework.boot.web.client.RestTemplateBuilder";
  private static final boolean WEBCLIENT = ClassUtils.isPresent(
      "org.springframework.web.reactive.function.client.WebClient", Boot3ClientPropagation.class.getClassLoader());

  private final PropagationClientInterceptor interceptor = new PropagationClientInterceptor();

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof RestClient.Builder builder) {
      builder.requestInterceptor(interceptor);
      return bean;
    }
    if (BOOT3_REST_TEMPLATE_BUILDER.equals(bean.getClass().getName())) {
      return withInterceptor(bean);
    }
    if (WEBCLIENT) {
      WebClients.filter(bean);
    }
    return bean;
  }

  /** Boot 3's RestTemplateBuilder is immutable: the bean becomes the builder with our interceptor added. */
  private Object withInterceptor(Object restTemplateBuilder) {
    try {
      Method add = restTemplateBuilder.getClass().getMethod("additionalInterceptors", Collection.class);
      return add.invoke(restTemplateBuilder, List.of(interceptor));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return restTemplateBuilder;   // another Boot: leave its builder as it is
    }
  }

  /** Apart, so that an application without WebFlux never loads its types. */
  private static final class WebClients {
    static void filter(Object bean) {
      if (bean instanceof org.springframework.web.reactive.function.client.WebClient.Builder builder) {
        PropagationExchangeFilter.captureOnBuild(builder);
        builder.filter(new PropagationExchangeFilter());
      }
    }
  }
}
