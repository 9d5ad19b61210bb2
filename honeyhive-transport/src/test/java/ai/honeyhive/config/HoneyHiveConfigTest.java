package ai.honeyhive.config;

import ai.honeyhive.config.internal.Setting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
    assertThat(c.export()).isEqualTo(ExportSettings.defaults());
  }

  @Test
  void readsTheVariablesOtherHoneyHiveSdksRead() {
    HoneyHiveConfig c = ConfigSources.of(Map.of(
        "HH_API_KEY", "hh-secret-key", "HH_PROJECT", "rag", "HH_SOURCE", "production",
        "HH_API_URL", "http://127.0.0.1:8080"), Map.of()).configBuilder().build();
    assertThat(c.apiKey()).contains("hh-secret-key");
    assertThat(c.project()).isEqualTo("rag");
    assertThat(c.source()).isEqualTo("production");
    assertThat(c.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void builderBeatsPropertyBeatsEnvironment() {
    Map<String, String> env = Map.of("HH_PROJECT", "from-env", "HH_SOURCE", "env-source", "HH_API_URL", "http://127.0.0.1:9");
    Map<String, String> props = Map.of("honeyhive.project", "from-property", "honeyhive.source", "prop-source");
    HoneyHiveConfig c = ConfigSources.of(env, props).configBuilder().project("from-builder").build();
    assertThat(c.project()).isEqualTo("from-builder");
    assertThat(c.source()).isEqualTo("prop-source");
    assertThat(c.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9"));
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
    assertThatThrownBy(() -> ConfigSources.of(Map.of("HH_BATCH_FORM", "maybe"), Map.of()).configBuilder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("environment variable HH_BATCH_FORM must be 'multi'");
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
  void toBuilderKeepsEveryValue() {
    HoneyHiveConfig c = HoneyHiveConfig.builder().apiKey("k").project("p").source("s").apiUrl("http://127.0.0.1:1")
        .export(ExportSettings.builder().queueCapacity(7)).build();
    HoneyHiveConfig copy = c.toBuilder().build();
    assertThat(copy.toString()).isEqualTo(c.toString());
    assertThat(copy.export()).isEqualTo(c.export());
    assertThat(HoneyHiveConfig.builder().build().toBuilder().build().project()).isEqualTo("default");
  }

  @Test
  void environmentNamesFollowThePropertyNames() {
    assertThat(Setting.API_KEY.variable()).isEqualTo("HH_API_KEY");
    assertThat(Setting.API_URL.variable()).isEqualTo("HH_API_URL");
  }
}
