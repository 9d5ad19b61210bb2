package ai.honeyhive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoneyHiveConfigTest {

  @Test
  void defaultsWithNothingConfiguredAreLocal() {
    HoneyHiveConfig c = HoneyHiveConfig.builder().build();
    assertThat(c.apiKey()).isEmpty();
    assertThat(c.project()).isEqualTo("default");
    assertThat(c.source()).isEqualTo("dev");
    assertThat(c.apiUrl()).isEqualTo(URI.create("https://api.honeyhive.ai"));
    assertThat(c.sessionName()).isEmpty();
    assertThat(c.verbose()).isFalse();
    assertThat(c.tracingEnabled()).isTrue();
    assertThat(c.exportConsole()).isTrue();
    assertThat(c.exportFile()).contains(Path.of("honeyhive-traces.jsonl"));
  }

  @Test
  void readsTheVariablesOtherHoneyHiveSdksRead() {
    HoneyHiveConfig c = ConfigSources.of(Map.of(
        "HH_API_KEY", "hh-secret-key", "HH_PROJECT", "rag", "HH_SOURCE", "production",
        "HH_API_URL", "http://127.0.0.1:8080", "HH_SESSION_NAME", "nightly", "HH_VERBOSE", "true"), Map.of()).configBuilder().build();
    assertThat(c.apiKey()).contains("hh-secret-key");
    assertThat(c.project()).isEqualTo("rag");
    assertThat(c.source()).isEqualTo("production");
    assertThat(c.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(c.sessionName()).contains("nightly");
    assertThat(c.verbose()).isTrue();
    assertThat(c.exportConsole()).as("an API key makes the API the default").isFalse();
    assertThat(c.exportFile()).isEmpty();
  }

  @Test
  void builderBeatsPropertyBeatsEnvironment() {
    Map<String, String> env = Map.of("HH_PROJECT", "from-env", "HH_SOURCE", "env-source", "HH_SESSION_NAME", "env-session");
    Map<String, String> props = Map.of("honeyhive.project", "from-property", "honeyhive.source", "prop-source");
    HoneyHiveConfig c = ConfigSources.of(env, props).configBuilder().project("from-builder").build();
    assertThat(c.project()).isEqualTo("from-builder");
    assertThat(c.source()).isEqualTo("prop-source");
    assertThat(c.sessionName()).contains("env-session");
  }

  @Test
  void disableTracingSwitch() {
    assertThat(ConfigSources.of(Map.of("HH_DISABLE_TRACING", "true"), Map.of()).configBuilder().build().tracingEnabled()).isFalse();
    assertThat(ConfigSources.of(Map.of("HH_DISABLE_TRACING", "true"), Map.of()).configBuilder().tracingEnabled(true).build().tracingEnabled()).isTrue();
  }

  @Test
  void exportFileCanBeMovedOrSwitchedOff() {
    assertThat(ConfigSources.of(Map.of("HH_EXPORT_FILE", "/tmp/x/t.jsonl"), Map.of()).configBuilder().build().exportFile())
        .contains(Path.of("/tmp/x/t.jsonl"));
    assertThat(ConfigSources.of(Map.of("HH_EXPORT_FILE", "off"), Map.of()).configBuilder().build().exportFile()).isEmpty();
    assertThat(HoneyHiveConfig.builder().exportFile(null).build().exportFile()).isEmpty();
  }

  @Test
  void anApiKeyWithoutProjectSaysWhatToSet() {
    assertThatThrownBy(() -> ConfigSources.of(Map.of("HH_API_KEY", "hh-secret-key"), Map.of()).configBuilder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HH_PROJECT")
        .hasMessageContaining("honeyhive.project")
        .hasMessageNotContaining("hh-secret-key");
  }

  @Test
  void malformedValuesNameTheSettingAndTheFix() {
    assertThatThrownBy(() -> ConfigSources.of(Map.of("HH_VERBOSE", "maybe"), Map.of()).configBuilder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("environment variable HH_VERBOSE must be true or false, but was 'maybe'");
    assertThatThrownBy(() -> ConfigSources.of(Map.of(), Map.of("honeyhive.api.url", "ftp://x")).configBuilder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("system property honeyhive.api.url must be an http or https URL");
    assertThatThrownBy(() -> HoneyHiveConfig.builder().apiUrl("not a url"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("https://api.honeyhive.ai");
  }

  @Test
  void toStringNeverShowsTheApiKey() {
    HoneyHiveConfig c = HoneyHiveConfig.builder().apiKey("hh-secret-key").project("p").build();
    assertThat(c.toString()).doesNotContain("hh-secret-key").contains("apiKey=<redacted>");
    assertThat(c.toBuilder().build().apiKey()).contains("hh-secret-key");
  }

  @Test
  void environmentNamesFollowThePropertyNames() {
    assertThat(Setting.API_KEY.env).isEqualTo("HH_API_KEY");
    assertThat(Setting.SESSION_NAME.env).isEqualTo("HH_SESSION_NAME");
    assertThat(Setting.DISABLE_TRACING.env).isEqualTo("HH_DISABLE_TRACING");
    assertThat(Setting.API_URL.env).isEqualTo("HH_API_URL");
  }
}
