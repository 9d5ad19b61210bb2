package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The capture limits and redacted names: defaults, sources, validation. */
class CaptureLimitSettingsTest {

  private static TracerSettingsBuilder from(Map<String, String> env, Map<String, String> props) {
    return TracerSettings.builder(ConfigSources.of(env, props));
  }

  @Test
  void defaultsKeepAnEventWellUnderOneMegabyte() {
    TracerSettings c = from(Map.of(), Map.of()).build();
    assertThat(c.maxStringLength()).isEqualTo(32_768);
    assertThat(c.maxCollectionSize()).isEqualTo(1_000);
    assertThat(c.maxDepth()).isEqualTo(32);
    assertThat(c.maxEventBytes()).isEqualTo(262_144);
    assertThat(c.redactKeys()).isEmpty();
  }

  @Test
  void environmentPropertiesAndBuilderArePickedInOrder() {
    Map<String, String> env = Map.of("HH_MAX_STRING_LENGTH", "100", "HH_MAX_COLLECTION_SIZE", "10",
        "HH_MAX_DEPTH", "5", "HH_MAX_EVENT_BYTES", "65_536", "HH_REDACT_KEYS", " ssn , card_number ,,");
    Map<String, String> props = Map.of("honeyhive.max.depth", "7");
    TracerSettings c = from(env, props).maxCollectionSize(20).build();
    assertThat(c.maxStringLength()).isEqualTo(100);
    assertThat(c.maxCollectionSize()).isEqualTo(20);
    assertThat(c.maxDepth()).isEqualTo(7);
    assertThat(c.maxEventBytes()).isEqualTo(65_536);
    assertThat(c.redactKeys()).containsExactly("ssn", "card_number");
    assertThat(from(env, props).redactKeys("iban").build().redactKeys()).containsExactly("iban");
  }

  @Test
  void malformedOrOutOfRangeValuesSayWhatToFix() {
    assertThatThrownBy(() -> from(Map.of("HH_MAX_DEPTH", "deep"), Map.of()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("environment variable HH_MAX_DEPTH must be a whole number, but was 'deep'");
    assertThatThrownBy(() -> from(Map.of(), Map.of("honeyhive.max.event.bytes", "100")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("system property honeyhive.max.event.bytes must be between 4096 and 1000000000, but was 100");
    assertThatThrownBy(() -> from(Map.of(), Map.of()).maxDepth(1_000))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("maxDepth must be between 1 and 500, but was 1000");
    assertThatThrownBy(() -> from(Map.of(), Map.of()).maxStringLength(0))
        .hasMessageContaining("maxStringLength must be between 16");
    assertThatThrownBy(() -> from(Map.of(), Map.of()).redactKeys("ok", " "))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("redactKeys");
  }

  @Test
  void toBuilderKeepsTheLimits() {
    TracerSettings c = from(Map.of(), Map.of()).maxStringLength(64).maxCollectionSize(3).maxDepth(2)
        .maxEventBytes(8_192).redactKeys("pin").build();
    TracerSettings copy = c.toBuilder().build();
    assertThat(List.of(copy.maxStringLength(), copy.maxCollectionSize(), copy.maxDepth(), copy.maxEventBytes()))
        .containsExactly(64, 3, 2, 8_192);
    assertThat(copy.redactKeys()).containsExactly("pin");
    assertThat(c.toString()).contains("maxStringLength=64", "maxEventBytes=8192", "redactKeys=[pin]");
  }
}
