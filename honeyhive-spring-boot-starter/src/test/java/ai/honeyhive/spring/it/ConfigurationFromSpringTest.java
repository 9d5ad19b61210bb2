package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.Tracer;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.spring.boot.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.internal.ConfigurationFailureAnalyzer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code honeyhive.*} from Spring's environment, through the one configuration adapter. */
class ConfigurationFromSpringTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(HoneyHiveAutoConfiguration.class))
      .withPropertyValues("honeyhive.export.console=false", "honeyhive.export.file=off");

  @Test
  void propertiesOfTheApplicationConfigureTheTracer() {
    runner.withPropertyValues("honeyhive.project=orders", "honeyhive.sample.rate=0.25",
            "honeyhive.shutdown.timeout.ms=1500", "honeyhive.source=staging")
        .run(ctx -> {
          HoneyHiveConfig config = ctx.getBean(HoneyHiveConfig.class);
          assertThat(config.project()).isEqualTo("orders");
          assertThat(config.sampleRate()).isEqualTo(0.25);
          assertThat(config.source()).isEqualTo("staging");
          assertThat(config.export().shutdownTimeout()).isEqualTo(Duration.ofMillis(1500));
          assertThat(ctx.getBean(Tracer.class).config()).isSameAs(config);
        });
  }

  @Test
  void anInvalidValueStopsStartUpNamingTheSettingAndWhereItCameFrom() {
    runner.withPropertyValues("honeyhive.sample.rate=2.5").run(ctx -> {
      assertThat(ctx).hasFailed();
      Throwable failure = ctx.getStartupFailure();
      ConfigurationException cause = findCause(failure);
      assertThat(cause).isNotNull();
      assertThat(cause.getMessage()).contains("honeyhive.sample.rate").contains("Spring environment").contains("2.5");
      FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(failure);
      assertThat(analysis.getDescription()).startsWith("HoneyHive configuration is invalid: ")
          .contains("honeyhive.sample.rate");
      assertThat(analysis.getAction()).contains("HH_*");
    });
  }

  @Test
  void anInvalidApiKeyValueIsNeverShownInTheFailure() {
    runner.withPropertyValues("honeyhive.api.key=sk-very-secret-value", "honeyhive.project=p",
            "honeyhive.api.url=ftp://nowhere")
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          ConfigurationException cause = findCause(ctx.getStartupFailure());
          assertThat(cause).isNotNull();
          assertThat(cause.getMessage()).contains("honeyhive.api.url").doesNotContain("sk-very-secret-value");
        });
  }

  private static ConfigurationException findCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConfigurationException e) {
        return e;
      }
    }
    return null;
  }
}
