package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.spring.boot.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.internal.PropagationServletFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code honeyhive.spring.propagation.incoming=false} keeps a public-facing service from continuing
 * whatever session and project a caller's headers name, while its own outgoing calls still carry
 * its context.
 */
class IncomingPropagationSwitchTest {
  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(HoneyHiveAutoConfiguration.class))
      .withPropertyValues("honeyhive.export.console=false");

  @Test
  void incomingRequestsContinueTheCallerByDefault() {
    runner.run(ctx -> {
      assertThat(ctx).hasSingleBean(PropagationServletFilter.class);
      assertThat(ctx.getBeansOfType(RestClientCustomizer.class)).isNotEmpty();
    });
  }

  @Test
  void theIncomingSideCanBeTurnedOffAloneAndOutgoingCallsStillCarryTheContext() {
    runner.withPropertyValues("honeyhive.spring.propagation.incoming=false").run(ctx -> {
      assertThat(ctx).doesNotHaveBean(PropagationServletFilter.class);
      assertThat(ctx.getBeansOfType(RestClientCustomizer.class)).isNotEmpty();
    });
  }

  @Test
  void theWholeSwitchTurnsBothSidesOff() {
    runner.withPropertyValues("honeyhive.spring.propagation=false").run(ctx -> {
      assertThat(ctx).doesNotHaveBean(PropagationServletFilter.class);
      assertThat(ctx.getBeansOfType(RestClientCustomizer.class)).isEmpty();
    });
  }
}
