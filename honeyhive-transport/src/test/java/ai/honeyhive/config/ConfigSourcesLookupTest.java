package ai.honeyhive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A framework's lookup (Spring's Environment) as the last source of the one adapter. */
class ConfigSourcesLookupTest {
  @Test
  void theLookupFillsWhatNoEarlierSourceSets() {
    Map<String, String> framework = Map.of("honeyhive.project", "from-spring", "honeyhive.source", "staging");
    HoneyHiveConfig config = ConfigSources.of(Map.of("HH_PROJECT", "from-env"), Map.of())
        .thenLookup(framework::get, "the framework").configBuilder().build();
    assertThat(config.project()).isEqualTo("from-env");
    assertThat(config.source()).isEqualTo("staging");
  }

  @Test
  void aBadValueNamesTheLookupAsItsOrigin() {
    ConfigSources sources = ConfigSources.of(Map.of(), Map.of())
        .thenLookup(Map.of("honeyhive.queue.capacity", "0")::get, "the framework");
    assertThatThrownBy(() -> sources.configBuilder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("honeyhive.queue.capacity in the framework");
  }

  @Test
  void aLookupThatThrowsReadsAsUnset() {
    HoneyHiveConfig config = ConfigSources.of(Map.of(), Map.of())
        .thenLookup(key -> {
          throw new IllegalStateException("placeholder cannot be resolved");
        }, "the framework").configBuilder().build();
    assertThat(config.project()).isEqualTo(HoneyHiveConfig.DEFAULT_LOCAL_PROJECT);
  }
}
