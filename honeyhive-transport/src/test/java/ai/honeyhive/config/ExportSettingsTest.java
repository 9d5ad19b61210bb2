package ai.honeyhive.config;

import ai.honeyhive.config.internal.Setting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportSettingsTest {

  private static HoneyHiveConfigBuilder with(Map<String, String> env, Map<String, String> props) {
    return ConfigSources.of(env, props).configBuilder();
  }

  @Test
  void defaultsAreDocumentedValues() {
    ExportSettings s = ExportSettings.defaults();
    assertThat(s.queueCapacity()).isEqualTo(20_000);
    assertThat(s.queueMaxBytes()).isEqualTo(64L << 20);
    assertThat(s.batchForm()).isEqualTo(ExportSettings.BatchForm.MULTI_SESSION);
    assertThat(s.authRetryDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.maxBatchEvents()).isEqualTo(1000);
    assertThat(s.maxBatchBytes()).isEqualTo(4_000_000).isLessThan(ExportSettings.API_MAX_REQUEST_BYTES);
    assertThat(s.scheduleDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.connectionRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.maxConcurrentRequests()).isEqualTo(8);
    assertThat(s.maxAttempts()).isEqualTo(5);
    assertThat(s.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.maxRetryElapsed()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(HoneyHiveConfig.builder().build().export()).isEqualTo(s);
  }

  @Test
  void everySettingHasAPropertyAndAnEnvironmentVariable() {
    assertThat(Setting.QUEUE_CAPACITY.variable()).isEqualTo("HH_QUEUE_CAPACITY");
    assertThat(Setting.BATCH_MAX_BYTES.property()).isEqualTo("honeyhive.batch.max.bytes");
    assertThat(Setting.HTTP_CONNECTION_REQUEST_TIMEOUT_MS.variable()).isEqualTo("HH_HTTP_CONNECTION_REQUEST_TIMEOUT_MS");
    assertThat(Setting.RETRY_MAX_ELAPSED_MS.variable()).isEqualTo("HH_RETRY_MAX_ELAPSED_MS");
    assertThat(Setting.SHUTDOWN_TIMEOUT_MS.variable()).isEqualTo("HH_SHUTDOWN_TIMEOUT_MS");
  }

  @Test
  void builderBeatsPropertyBeatsEnvironment() {
    HoneyHiveConfig c = with(
        Map.of("HH_QUEUE_CAPACITY", "100", "HH_BATCH_DELAY_MS", "250", "HH_RETRY_MAX_ATTEMPTS", "2"),
        Map.of("honeyhive.queue.capacity", "200", "honeyhive.batch.delay.ms", "300"))
        .export(ExportSettings.builder().queueCapacity(400))
        .build();

    assertThat(c.export().queueCapacity()).isEqualTo(400);
    assertThat(c.export().scheduleDelay()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.export().maxAttempts()).isEqualTo(2);
  }

  @Test
  void aDefaultGivesWayToAnExplicitValueItWouldContradict() {
    ExportSettings s = with(Map.of("HH_QUEUE_CAPACITY", "100", "HH_RETRY_INITIAL_BACKOFF_MS", "45000"), Map.of())
        .build().export();

    assertThat(s.maxBatchEvents()).isEqualTo(100);
    assertThat(s.maxBackoff()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void explicitValuesThatContradictEachOtherAreRejected() {
    Throwable t = catchThrowable(() -> with(Map.of("HH_QUEUE_CAPACITY", "100", "HH_BATCH_MAX_EVENTS", "500"), Map.of()).build());
    assertThat(t).isInstanceOf(ConfigurationException.class)
        .hasMessage("environment variable HH_BATCH_MAX_EVENTS (500) must not exceed environment variable HH_QUEUE_CAPACITY (100)");
  }

  @Test
  void malformedAndOutOfRangeValuesSayWhatIsAllowed() {
    assertThat(catchThrowable(() -> with(Map.of("HH_QUEUE_CAPACITY", "lots"), Map.of()).build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("environment variable HH_QUEUE_CAPACITY must be a whole number, but was 'lots'");
    assertThat(catchThrowable(() -> with(Map.of(), Map.of("honeyhive.batch.max.bytes", "6000000")).build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("system property honeyhive.batch.max.bytes must be between 1024 and 5000000, but was 6000000");
    assertThat(catchThrowable(() -> with(Map.of("HH_HTTP_REQUEST_TIMEOUT_MS", "0"), Map.of()).build()))
        .hasMessage("environment variable HH_HTTP_REQUEST_TIMEOUT_MS must be between 1 and 3600000 milliseconds, but was 0");
    assertThat(catchThrowable(() -> ExportSettings.builder().maxAttempts(0)))
        .isInstanceOf(ConfigurationException.class).hasMessage("maxAttempts must be between 1 and 100, but was 0");
    assertThat(catchThrowable(() -> ExportSettings.builder().scheduleDelay(Duration.ofMillis(-5))))
        .hasMessageContaining("scheduleDelay must be between 1 and 3600000 milliseconds");
  }

  @Test
  void underscoresInNumbersAreAllowedAndBlankMeansDefault() {
    ExportSettings s = with(Map.of("HH_BATCH_MAX_BYTES", "2_000_000", "HH_QUEUE_CAPACITY", " "), Map.of()).build().export();
    assertThat(s.maxBatchBytes()).isEqualTo(2_000_000);
    assertThat(s.queueCapacity()).isEqualTo(20_000);
  }

  @Test
  void toBuilderKeepsTheSettingsAndToStringShowsThemButNotTheKey() {
    HoneyHiveConfig c = with(Map.of("HH_API_KEY", "hh-very-secret", "HH_PROJECT", "p", "HH_QUEUE_CAPACITY", "77"), Map.of())
        .build();

    assertThat(c.toBuilder().build().export().queueCapacity()).isEqualTo(77);
    assertThat(c.toString()).contains("queueCapacity=77").doesNotContain("hh-very-secret");
  }

  @Test
  void theBatchFormAndTheNewLimitsComeFromTheEnvironmentOrTheBuilder() {
    ExportSettings s = with(Map.of("HH_BATCH_FORM", " Single ", "HH_QUEUE_MAX_BYTES", "1_048_576",
        "HH_AUTH_RETRY_DELAY_MS", "250"), Map.of()).build().export();
    assertThat(s.batchForm()).isEqualTo(ExportSettings.BatchForm.SINGLE_SESSION);
    assertThat(s.queueMaxBytes()).isEqualTo(1_048_576);
    assertThat(s.authRetryDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.toString()).contains("batchForm=single").contains("queueMaxBytes=1048576");
    assertThat(s.toBuilder().build()).isEqualTo(s);
    assertThat(ExportSettings.builder().batchForm(ExportSettings.BatchForm.SINGLE_SESSION).build().batchForm())
        .isEqualTo(ExportSettings.BatchForm.SINGLE_SESSION);
    assertThat(catchThrowable(() -> with(Map.of("HH_BATCH_FORM", "both"), Map.of()).build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("environment variable HH_BATCH_FORM must be 'multi' (many sessions per request, the default)"
            + " or 'single' (one session per request), but was 'both'");
  }
}
