package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.spring.boot.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.internal.ConfigurationFailureAnalyzer;
import ai.honeyhive.spring.internal.ConversationSessions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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
          TracerSettings settings = ctx.getBean(TracerSettings.class);
          assertThat(config.project()).isEqualTo("orders");
          assertThat(settings.sampleRate()).isEqualTo(0.25);
          assertThat(config.source()).isEqualTo("staging");
          assertThat(config.export().shutdownTimeout()).isEqualTo(Duration.ofMillis(1500));
          assertThat(ctx.getBean(Tracer.class).config()).isSameAs(config);
          assertThat(ctx.getBean(Tracer.class).settings()).isSameAs(settings);
        });
  }

  @Test
  void aTracerSettingsBeanOfTheApplicationReplacesTheStartersAndTheTracerUsesIt() {
    TracerSettings own = TracerSettings.builder().sampleRate(0.1).exportConsole(false).exportFile(null).build();
    runner.withPropertyValues("honeyhive.sample.rate=0.9")
        .withBean(TracerSettings.class, () -> own)
        .run(ctx -> {
          assertThat(ctx.getBean(TracerSettings.class)).isSameAs(own);
          assertThat(ctx.getBean(Tracer.class).settings().sampleRate()).isEqualTo(0.1);
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

  @Test
  void anInvalidConversationIdleTimeStopsStartUpWithTheAdaptersMessage() {
    runner.withPropertyValues("honeyhive.spring.conversation.idle.ms=soon").run(ctx -> {
      assertThat(ctx).hasFailed();
      ConfigurationException cause = findCause(ctx.getStartupFailure());
      assertThat(cause).as("a ConfigurationException, not Spring's conversion error").isNotNull();
      assertThat(cause.getMessage()).isEqualTo("honeyhive.spring.conversation.idle.ms in the Spring environment"
          + " (application.yml/.properties, profiles, ...) must be a whole number of milliseconds, e.g. 1800000 for"
          + " 30 min, but was 'soon'");
      assertThat(new ConfigurationFailureAnalyzer().analyze(ctx.getStartupFailure()).getDescription())
          .startsWith("HoneyHive configuration is invalid: honeyhive.spring.conversation.idle.ms");
    });
    runner.withPropertyValues("honeyhive.spring.conversation.idle.ms=0").run(ctx ->
        assertThat(findCause(ctx.getStartupFailure())).hasMessageContaining("must be at least 1"));
  }

  @Test
  void aValidConversationIdleTimeIsUsed() {
    runner.withPropertyValues("honeyhive.spring.conversation.idle.ms=2500")
        .run(ctx -> assertThat(ctx.getBean(ConversationSessions.class).idle()).isEqualTo(Duration.ofMillis(2500)));
  }

  @Test
  void anApiKeyWithoutAProjectNamesTheSpringProperty() {
    runner.withPropertyValues("honeyhive.api.key=hh-secret-123").run(ctx -> {
      assertThat(ctx).hasFailed();
      ConfigurationException cause = findCause(ctx.getStartupFailure());
      assertThat(cause).isNotNull();
      assertThat(cause.getMessage())
          .startsWith("An API key is configured (honeyhive.api.key in the Spring environment")
          .contains("set honeyhive.project in application.yml/.properties", "HH_PROJECT")
          .doesNotContain("hh-secret-123");
    });
  }

  @Test
  void relaxedNamesAreReadThroughTheAdapter() {
    runner.withPropertyValues("honeyhive.api-key=hh-kebab", "honeyhive.project=orders",
            "honeyhive.sample-rate=0.5", "honeyhive.sample.keepErrors=true", "honeyhive.shutdown.timeout-ms=1500")
        .run(ctx -> {
          HoneyHiveConfig config = ctx.getBean(HoneyHiveConfig.class);
          TracerSettings settings = ctx.getBean(TracerSettings.class);
          assertThat(config.apiKey()).contains("hh-kebab");
          assertThat(settings.sampleRate()).isEqualTo(0.5);
          assertThat(settings.sampleKeepErrors()).isTrue();
          assertThat(config.export().shutdownTimeout()).isEqualTo(Duration.ofMillis(1500));
        });
  }

  @Test
  void aBadValueUnderARelaxedNameIsReportedAsTheSetting() {
    runner.withPropertyValues("honeyhive.sample-rate=7").run(ctx ->
        assertThat(findCause(ctx.getStartupFailure())).hasMessageStartingWith("honeyhive.sample.rate in the Spring environment"));
  }

  @Test
  void springStyleEnvironmentVariablesAreRead() {
    runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
            "test-environment", Map.of("HONEYHIVE_API_KEY", "hh-env", "HONEYHIVE_PROJECT", "from-env",
                "HONEYHIVE_SPRING_CONVERSATION_IDLE_MS", "4000"))))
        .run(ctx -> {
          HoneyHiveConfig config = ctx.getBean(HoneyHiveConfig.class);
          assertThat(config.apiKey()).contains("hh-env");
          assertThat(config.project()).isEqualTo("from-env");
          assertThat(ctx.getBean(ConversationSessions.class).idle()).isEqualTo(Duration.ofMillis(4000));
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
