package ai.honeyhive.spring.internal;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Adds the Spring AI handler to every {@link ObservationRegistry} bean, whether Boot's observation
 * support made it (which may register the handler bean as well: the handler takes each
 * observation once) or the starter's fallback did. Not public API.
 */
public final class ObservationHandlerRegistrar implements BeanPostProcessor {
  private final ObjectProvider<SpringAiObservationHandler> handler;

  public ObservationHandlerRegistrar(ObjectProvider<SpringAiObservationHandler> handler) {
    this.handler = handler;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    // a registry without handlers says it is noop: only the shared NOOP instance takes none
    if (bean instanceof ObservationRegistry registry && registry != ObservationRegistry.NOOP) {
      ObservationHandler<?> h = handler.getIfAvailable();
      if (h != null) {
        registry.observationConfig().observationHandler(h);
      }
    }
    return bean;
  }
}
