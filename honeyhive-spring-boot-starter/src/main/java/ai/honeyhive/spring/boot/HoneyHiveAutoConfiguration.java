package ai.honeyhive.spring.boot;

import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.spring.internal.ConversationSessions;
import ai.honeyhive.spring.internal.ExportHealthIndicator;
import ai.honeyhive.spring.internal.ExportMeters;
import ai.honeyhive.spring.internal.ObservationHandlerRegistrar;
import ai.honeyhive.spring.internal.Boot3ClientPropagation;
import ai.honeyhive.spring.internal.PropagationClientInterceptor;
import ai.honeyhive.spring.internal.PropagationExchangeFilter;
import ai.honeyhive.spring.internal.PropagationServletFilter;
import ai.honeyhive.spring.internal.PropagationWebFilter;
import ai.honeyhive.spring.internal.SpringAiObservationHandler;
import ai.honeyhive.spring.internal.TraceAnnotationAdvisor;
import ai.honeyhive.spring.internal.TracerBridge;
import ai.honeyhive.spring.internal.TracerLifecycle;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * HoneyHive for Spring Boot: the configuration from {@code honeyhive.*} properties (and
 * {@code HH_*} variables, as everywhere), the tracer as a bean installed as the process-wide tracer,
 * delivery on context close, {@code @TraceChain}/{@code @TraceTool}/{@code @TraceModel} on bean
 * methods through Spring AOP, and Spring AI's observations as events. Each part can be replaced by
 * a bean of one's own.
 */
// after Boot's observation registry (Boot 4's name, then Boot 3.5's), so that ours is made only when there is none
@AutoConfiguration(afterName = {"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
public class HoneyHiveAutoConfiguration {

  /** The configuration, read through the one adapter every entry point uses; a bad value stops start-up. */
  @Bean
  @ConditionalOnMissingBean
  public HoneyHiveConfig honeyHiveConfig(Environment environment) {
    return TracerBridge.config(environment);
  }

  /** The tracer's settings (sampling, limits, redaction, ...), read through the same adapter; a bad value stops start-up. */
  @Bean
  @ConditionalOnMissingBean
  public TracerSettings honeyHiveTracerSettings(Environment environment) {
    return TracerBridge.settings(environment);
  }

  /** The tracer, installed as the process-wide one so the woven aspects and Spring AI's events use it. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public Tracer honeyHiveTracer(HoneyHiveConfig config, TracerSettings settings) {
    return TracerBridge.createAndInstall(config, settings);
  }

  /** Shuts the tracer down after the web server's graceful shutdown: requests still running are delivered. */
  @Bean
  public TracerLifecycle honeyHiveTracerLifecycle(Tracer tracer) {
    return new TracerLifecycle(tracer);
  }

  /** The annotations on Spring beans, through proxies. {@code honeyhive.spring.annotations=false} turns it off. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "honeyhive.spring.annotations", matchIfMissing = true)
  @Import(AutoProxyRegistrar.class)
  static class Annotations {
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static TraceAnnotationAdvisor honeyHiveTraceAnnotationAdvisor() {
      return new TraceAnnotationAdvisor();
    }
  }

  /** Makes sure an advisor auto-proxy creator exists (Boot's may not, without AspectJ): proxies of classes, as Boot's default. */
  static class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {
    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
      AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
    }
  }

  /** ExportStats as Micrometer meters, bound by Boot's metrics support to the application's registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    ExportMeters honeyHiveExportMeters(Tracer tracer) {
      return new ExportMeters(tracer);
    }
  }

  /** A health contributor (honeyHive) that reports a rejected key or failing exports. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
  @ConditionalOnBooleanProperty(name = "management.health.honeyhive.enabled", matchIfMissing = true)
  static class HealthCheck {
    @Bean
    @ConditionalOnMissingBean
    ExportHealthIndicator honeyHiveHealthIndicator(Tracer tracer) {
      return new ExportHealthIndicator(tracer);
    }
  }

  /**
   * W3C trace context across services: outgoing requests of the Boot-built {@code RestClient},
   * {@code RestTemplate} and {@code WebClient} carry the current HoneyHive context, and incoming
   * servlet or WebFlux requests continue the caller's. {@code honeyhive.spring.propagation=false}
   * turns it off; {@code honeyhive.spring.propagation.incoming=false} only the incoming side, for a
   * service the public calls directly (a valid header chooses the session and project it joins).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "honeyhive.spring.propagation", matchIfMissing = true)
  static class Propagation {
    /** Through Boot's customizers, so every client built from the injected builders gets it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.restclient.RestClientCustomizer",
        "org.springframework.http.client.ClientHttpRequestInterceptor"})
    static class RestClients {
      @Bean
      RestClientCustomizer honeyHiveRestClientPropagation() {
        PropagationClientInterceptor interceptor = new PropagationClientInterceptor();
        return builder -> builder.requestInterceptor(interceptor);
      }

      @Bean
      RestTemplateCustomizer honeyHiveRestTemplatePropagation() {
        PropagationClientInterceptor interceptor = new PropagationClientInterceptor();
        return template -> template.getInterceptors().add(interceptor);
      }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.webclient.WebClientCustomizer",
        "org.springframework.web.reactive.function.client.ExchangeFilterFunction"})
    static class WebClients {
      @Bean
      WebClientCustomizer honeyHiveWebClientPropagation() {
        PropagationExchangeFilter filter = new PropagationExchangeFilter();
        return builder -> {
          PropagationExchangeFilter.captureOnBuild(builder);
          builder.filter(filter);
        };
      }
    }

    /** Boot 3.5: its customizer interfaces have other names, so Boot's builders are adjusted as beans. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.web.client.RestTemplateBuilder",
        "org.springframework.web.client.RestClient"})
    @ConditionalOnMissingClass("org.springframework.boot.restclient.RestClientCustomizer")
    static class Boot3Clients {
      @Bean
      static Boot3ClientPropagation honeyHiveBoot3ClientPropagation() {
        return new Boot3ClientPropagation();
      }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"jakarta.servlet.Filter", "org.springframework.web.filter.OncePerRequestFilter"})
    @ConditionalOnBooleanProperty(name = "honeyhive.spring.propagation.incoming", matchIfMissing = true)
    static class ServletRequests {
      @Bean
      @ConditionalOnMissingBean
      PropagationServletFilter honeyHivePropagationFilter() {
        return new PropagationServletFilter();
      }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
    @ConditionalOnBooleanProperty(name = "honeyhive.spring.propagation.incoming", matchIfMissing = true)
    static class ReactiveRequests {
      @Bean
      @ConditionalOnMissingBean
      PropagationWebFilter honeyHivePropagationWebFilter() {
        return new PropagationWebFilter();
      }
    }
  }

  /** Spring AI's observations as events. {@code honeyhive.spring.ai=false} turns it off. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"io.micrometer.observation.ObservationRegistry",
      "org.springframework.ai.chat.observation.ChatModelObservationContext",
      "org.springframework.ai.chat.client.observation.ChatClientObservationContext"})
  @ConditionalOnBooleanProperty(name = "honeyhive.spring.ai", matchIfMissing = true)
  static class SpringAi {
    @Bean
    @ConditionalOnMissingBean
    SpringAiObservationHandler honeyHiveSpringAiObservationHandler(ObjectProvider<ConversationSessions> conversations) {
      return new SpringAiObservationHandler(conversations.getIfAvailable());
    }

    /** A Spring AI conversation as one session. {@code honeyhive.spring.conversations=false} turns it off. */
    @Bean
    @ConditionalOnBooleanProperty(name = "honeyhive.spring.conversations", matchIfMissing = true)
    ConversationSessions honeyHiveConversationSessions(Environment environment) {
      return new ConversationSessions(TracerBridge.conversationIdle(environment));
    }

    @Bean
    static ObservationHandlerRegistrar honeyHiveObservationHandlerRegistrar(
        ObjectProvider<SpringAiObservationHandler> handler) {
      return new ObservationHandlerRegistrar(handler);
    }

    /** Without Boot's observation support Spring AI observes nothing: a registry of our own, then. */
    @Bean
    @ConditionalOnMissingBean
    ObservationRegistry honeyHiveObservationRegistry() {
      return ObservationRegistry.create();
    }
  }
}
